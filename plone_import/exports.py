"""The two shapes a Plone site's export comes in, read the same way.

- collective.exportimport: one JSON file holding a list of items; translations.json,
  redirects.json and relations.json beside it (or named on the command line).
- plone.exportimport (Plone 6.1): a directory with content/__metadata__.json, one
  content/<UID>/data.json per item with its blobs beside it, and the three companion
  files at the top.

Both are checked completely before anything is written: a file that does not parse or
is not an export raises ExportError naming the file.
"""

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse
from zoneinfo import ZoneInfo

from .blobs import BlobMissing, DownloadPolicy, path_inside

NEWS_TYPES = {"News Item"}
DOCUMENT_TYPES = {"Document"}
PAGE_TYPES = NEWS_TYPES | DOCUMENT_TYPES
IMAGE_TYPES = {"Image"}
FILE_TYPES = {"File"}
FOLDER_TYPES = {"Folder", "LIF"}
LANGUAGE_ROOT_TYPES = {"LRF"}
SITE_TYPES = {"Plone Site"}
COLLECTION_NAME = "Plone import"
BATCH = 250
NEWS_INDEX_SLUGS = {"ro": ("stiri", "Știri"), "en": ("news", "News")}

RESOLVEUID = re.compile(r"resolve[uU]id/([0-9a-fA-F]{32}|[0-9a-fA-F-]{36})")
# A path segment Plone appends to an item's URL to show or download it.
VIEW_SEGMENT = re.compile(
    r"^(@@[\w.-]+|view|image_view_fullscreen|image_\w+|images|image|download|at_download)$"
)
ZOPE_DATE = re.compile(
    r"(\d{4})/(\d{2})/(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:GMT([+-]\d+))?"
)
PLONE_FLOOR_YEAR = 1900  # Plone writes 1000-01-01 / 1969-12-31 for "no date"


class ExportError(Exception):
    """The export (or one of its companion files) cannot be read."""


@dataclass
class ItemSummary:
    """What the import needs to know about an item before it reads it in full."""

    uid: str
    portal_type: str
    path: str  # the @id's path, site id included
    parent_uid: str
    parent_type: str
    parent_path: str
    language: str
    id: str
    position: object  # where the full item is: an index in the list or a data.json path
    problem: str = ""


@dataclass
class CompanionFiles:
    translations: list = field(default_factory=list)
    redirects: dict = field(default_factory=dict)
    relations: list = field(default_factory=list)


def url_path(url):
    """The path of an @id, which may be an absolute URL or already a path."""
    if not url:
        return ""
    path = unquote(urlparse(url).path) if "://" in url else unquote(url)
    path = "/" + path.strip("/")
    return path


def language_code(value):
    """A Plone language field: a code, {"token": code, "title": …}, "" or "##DEFAULT##"."""
    if isinstance(value, dict):
        value = value.get("token") or ""
    if not isinstance(value, str):
        return ""
    value = value.strip().lower().replace("_", "-")
    if value in ("", "##default##", "none"):
        return ""
    return value


def read_json(path, what):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as error:
        raise ExportError(f"{path}: no such file ({what})") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExportError(f"{path}: not valid JSON ({what}): {error}") from error
    except RecursionError as error:
        raise ExportError(f"{path}: nested too deeply to be read ({what})") from error
    except OSError as error:
        raise ExportError(f"{path}: cannot be read ({what}): {error}") from error


def read_translations(path):
    data = read_json(path, "translations")
    if not isinstance(data, list) or not all(isinstance(group, dict) for group in data):
        raise ExportError(f"{path}: not a translations export (expected a list of objects)")
    groups = []
    for group in data:
        if "canonical" in group or "translations" in group:
            members = {"canonical": group.get("canonical")}
            translations = group.get("translations") or {}
            if not isinstance(translations, dict):
                raise ExportError(f"{path}: 'translations' must map languages to UIDs")
            members.update({language_code(k): v for k, v in translations.items()})
        else:
            members = {language_code(k): v for k, v in group.items()}
        members = {k: v for k, v in members.items() if isinstance(v, str) and v}
        groups.append(members)
    return groups


def read_redirects(path):
    data = read_json(path, "redirects")
    if isinstance(data, list):
        # Some exporters write [[old, new], …] or [{"old_path"…, "new_path"…}].
        pairs = {}
        for entry in data:
            if isinstance(entry, list | tuple) and len(entry) == 2:
                pairs[entry[0]] = entry[1]
            elif isinstance(entry, dict) and "old_path" in entry and "new_path" in entry:
                pairs[entry["old_path"]] = entry["new_path"]
            else:
                raise ExportError(f"{path}: not a redirects export (expected {{old: new}})")
        data = pairs
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ExportError(f"{path}: not a redirects export (expected {{old path: new path}})")
    return data


def read_relations(path):
    data = read_json(path, "relations")
    if not isinstance(data, list) or not all(
        isinstance(r, dict) and r.get("from_uuid") and r.get("to_uuid") for r in data
    ):
        raise ExportError(
            f"{path}: not a relations export (expected a list of {{from_uuid, to_uuid, …}})"
        )
    return data


class PloneExport:
    """A Plone export on disk. Subclasses know where the items are."""

    format_name = ""

    def __init__(self, path, blob_home=None):
        self.path = Path(path)
        self.blob_home = Path(blob_home) if blob_home else None
        self.summaries = {}  # UID -> ItemSummary
        self.unreadable = []  # (position, reason) for entries that are not items
        self.downloads = DownloadPolicy()  # no downloads unless the import allows a host

    @staticmethod
    def open(path, blob_home=None):
        path = Path(path)
        if path.is_dir():
            return PloneExportDirectory(path, blob_home)
        if path.is_file():
            return CollectiveExport(path, blob_home)
        raise ExportError(f"{path}: no such file or directory")

    def companion_path(self, name):
        """translations.json etc. where the exporter puts them, if they are there."""
        candidate = self.companion_dir / name
        return candidate if candidate.is_file() else None

    def read_companions(self, translations=None, redirects=None, relations=None):
        companions = CompanionFiles()
        translations = translations or self.companion_path("translations.json")
        redirects = redirects or self.companion_path("redirects.json")
        relations = relations or self.companion_path("relations.json")
        if translations:
            companions.translations = read_translations(translations)
        if redirects:
            companions.redirects = read_redirects(redirects)
        if relations:
            companions.relations = read_relations(relations)
        return companions

    def summarise(self, item, position):
        parent = item.get("parent") if isinstance(item.get("parent"), dict) else {}
        path = url_path(item.get("@id") or "")
        uid = item.get("UID") or ""
        problem = ""
        if not uid:
            problem = "no UID"
        elif not item.get("@type"):
            problem = "no @type"
        elif not path:
            problem = "no @id"
        return ItemSummary(
            uid=uid or f"#{position}",
            portal_type=item.get("@type") or "",
            path=path,
            parent_uid=parent.get("UID") or "",
            parent_type=parent.get("@type") or "",
            parent_path=url_path(parent.get("@id") or ""),
            language=language_code(item.get("language")),
            id=item.get("id") or (path.rsplit("/", 1)[-1] if path else ""),
            position=position,
            problem=problem,
        )

    def scan(self):
        """Reads every item once and keeps its summary; raises ExportError if the export
        is not one."""
        raise NotImplementedError

    def load(self, summary):
        """The full item of a summary."""
        raise NotImplementedError

    def blob(self, value):
        """The bytes and filename of a blob field, or raises BlobMissing with the reason."""
        if not isinstance(value, dict):
            raise BlobMissing("no blob in the export")
        filename = value.get("filename") or "file"
        if value.get("data") is not None:
            try:
                return base64.b64decode(value["data"], validate=False), filename
            except (binascii.Error, ValueError) as error:
                raise BlobMissing(f"base64 data does not decode: {error}") from error
        if value.get("blob_path"):
            blob_path = str(value["blob_path"])
            for base in self.blob_bases():
                candidate = path_inside(base, blob_path)
                if candidate.is_file():
                    return candidate.read_bytes(), filename or candidate.name
            raise BlobMissing(f"blob file not found: {blob_path}")
        if value.get("download"):
            return self.downloads.fetch(str(value["download"])), filename
        raise BlobMissing("no data, blob_path or download in the blob")

    def blob_bases(self):
        return [self.blob_home] if self.blob_home else []


class CollectiveExport(PloneExport):
    """collective.exportimport's export_content: a JSON list of items."""

    format_name = "collective.exportimport"

    def __init__(self, path, blob_home=None):
        super().__init__(path, blob_home)
        self.companion_dir = self.path.parent
        self.items = None

    def scan(self):
        data = read_json(self.path, "content export")
        if not isinstance(data, list):
            raise ExportError(
                f"{self.path}: not a collective.exportimport content export "
                "(expected a JSON list of items)"
            )
        if data and not any(isinstance(i, dict) and "@type" in i for i in data):
            raise ExportError(
                f"{self.path}: not a collective.exportimport content export (no item has an @type)"
            )
        self.items = data
        for position, item in enumerate(data):
            if not isinstance(item, dict):
                self.unreadable.append((f"item {position}", "not a JSON object"))
                continue
            summary = self.summarise(item, position)
            self.summaries[summary.uid] = summary

    def load(self, summary):
        return self.items[summary.position]


class PloneExportDirectory(PloneExport):
    """plone.exportimport's directory: content/<UID>/data.json and blobs beside them."""

    format_name = "plone.exportimport"

    def __init__(self, path, blob_home=None):
        super().__init__(path, blob_home)
        self.companion_dir = self.path
        self.content_dir = self.path / "content"

    def scan(self):
        metadata_path = self.content_dir / "__metadata__.json"
        if not metadata_path.is_file():
            raise ExportError(
                f"{self.path}: not a plone.exportimport directory (no content/__metadata__.json)"
            )
        metadata = read_json(metadata_path, "export metadata")
        if not isinstance(metadata, dict):
            raise ExportError(f"{metadata_path}: not plone.exportimport metadata (not an object)")
        for data_path in sorted(self.content_dir.glob("*/data.json")):
            try:
                with open(data_path, encoding="utf-8") as handle:
                    item = json.load(handle)
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                self.unreadable.append((str(data_path), f"not valid JSON: {error}"))
                continue
            except RecursionError:
                self.unreadable.append((str(data_path), "nested too deeply to be read"))
                continue
            if not isinstance(item, dict):
                self.unreadable.append((str(data_path), "not a JSON object"))
                continue
            summary = self.summarise(item, data_path)
            self.summaries[summary.uid] = summary

    def load(self, summary):
        with open(summary.position, encoding="utf-8") as handle:
            return json.load(handle)

    def blob_bases(self):
        return [self.content_dir] + super().blob_bases()


def parent_path(path):
    return str(PurePosixPath(path).parent) if path and path != "/" else ""


def checksum(item):
    encoded = json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def parse_date(value, zone):
    """A Plone date: ISO 8601 (with or without offset) or Zope's 2021/03/04 10:00:00 GMT+2.
    Naive times are in the site's time zone."""
    if not value or not isinstance(value, str) or value.strip() in ("None", "null"):
        return None
    text = value.strip().replace("Z", "+00:00")
    parsed = None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        match = ZOPE_DATE.match(text)
        if match:
            year, month, day, hour, minute, second, offset = match.groups()
            parsed = datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
            if offset is not None:
                parsed = parsed.replace(
                    tzinfo=ZoneInfo(f"Etc/GMT{'-' if int(offset) >= 0 else '+'}{abs(int(offset))}")
                )
    if parsed is None or parsed.year < PLONE_FLOOR_YEAR:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed
