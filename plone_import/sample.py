"""Small Plone exports built in code, in both formats, for the tests and the benchmark.

Nothing here is copied from a real site: it is the shape collective.exportimport and
plone.exportimport write (see docs/plone-migration.md), filled with made-up items.
"""

import base64
import hashlib
import io
import json
from pathlib import Path

from PIL import Image as PILImage

SITE_URL = "http://plone.example.org/Plone"


def uid(name):
    """A stable 32-hex-digit UID for a readable name."""
    return hashlib.md5(name.encode("utf-8")).hexdigest()  # noqa: S324 - not security


def png_bytes(colour=(200, 30, 30), size=(8, 6)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def blob_base64(data, filename, content_type):
    return {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def item(portal_type, path, title, *, parent_path=None, parent_type=None, **fields):
    """One exported item; `path` is below the site root, e.g. /ro/stiri/x."""
    parent_path = parent_path if parent_path is not None else path.rsplit("/", 1)[0]
    parent_type = parent_type or ("Plone Site" if parent_path == "" else "Folder")
    data = {
        "@id": SITE_URL + path,
        "@type": portal_type,
        "UID": uid(path),
        "id": path.rsplit("/", 1)[-1],
        "title": title,
        "description": "",
        "language": "",
        "review_state": "published",
        "created": "2021-01-01T09:00:00+00:00",
        "modified": "2021-01-02T09:00:00+00:00",
        "effective": "2021-01-01T09:00:00+00:00",
        "is_folderish": portal_type in ("Folder", "LRF", "Plone Site"),
        "parent": {
            "@id": SITE_URL + parent_path,
            "@type": parent_type,
            "UID": uid(parent_path) if parent_path else uid("site"),
        },
    }
    data.update(fields)
    return data


def bilingual_site(romanian_news_folder, english_news_folder="/en/news"):
    """The language roots and news folders of a Romanian-English Plone site."""
    return [
        item("LRF", "/ro", "Română", language="ro"),
        item("LRF", "/en", "English", language="en"),
        item("Folder", romanian_news_folder, romanian_news_folder.rsplit("/", 1)[-1].title()),
        item("Folder", english_news_folder, "News"),
    ]


def write_collective(directory, items, translations=None, redirects=None, relations=None):
    """collective.exportimport: one content file plus its companions beside it."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "content.json").write_text(json.dumps(items), encoding="utf-8")
    for name, data in (
        ("translations.json", translations),
        ("redirects.json", redirects),
        ("relations.json", relations),
    ):
        if data is not None:
            (directory / name).write_text(json.dumps(data), encoding="utf-8")
    return directory / "content.json"


def write_plone_exportimport(directory, items, translations=None, redirects=None, relations=None):
    """plone.exportimport: content/<UID>/data.json with blobs as files beside them."""
    directory = Path(directory)
    content = directory / "content"
    content.mkdir(parents=True, exist_ok=True)
    blob_files = []
    ordering = {}
    for position, original in enumerate(items):
        data = json.loads(json.dumps(original))
        item_dir = content / data["UID"]
        item_dir.mkdir(exist_ok=True)
        for field in ("image", "file"):
            blob = data.get(field)
            if isinstance(blob, dict) and "data" in blob:
                (item_dir / field).mkdir(exist_ok=True)
                (item_dir / field / blob["filename"]).write_bytes(base64.b64decode(blob["data"]))
                relative = f"{data['UID']}/{field}/{blob['filename']}"
                data[field] = {
                    "blob_path": relative,
                    "filename": blob["filename"],
                    "content-type": blob["content-type"],
                }
                blob_files.append(relative)
        ordering[data["UID"]] = position
        (item_dir / "data.json").write_text(json.dumps(data), encoding="utf-8")
    metadata = {
        "__version__": "1.0.0",
        "_blob_files_": blob_files,
        "ordering": ordering,
        "local_roles": {},
        "default_page": {},
    }
    (content / "__metadata__.json").write_text(json.dumps(metadata), encoding="utf-8")
    for name, data in (
        ("translations.json", translations),
        ("redirects.json", redirects),
        ("relations.json", relations),
    ):
        if data is not None:
            (directory / name).write_text(json.dumps(data), encoding="utf-8")
    return directory
