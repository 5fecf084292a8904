"""Every interface string of the project has a Romanian translation.

A string added to a template (`{% translate "…" %}`) or to Python (`_("…")`) without a
translation in locale/ro/LC_MESSAGES/django.po fails here, so an editor never meets an
English label in the Romanian admin or site.
"""

import re
from pathlib import Path

import polib
import pytest

PROJECT = Path(__file__).resolve().parents[2]
CATALOGUE = PROJECT / "locale" / "ro" / "LC_MESSAGES" / "django.po"
# The project's apps (every folder with an apps.py), the project package and the templates.
SOURCE_DIRS = sorted(
    {path.parent.name for path in PROJECT.glob("*/apps.py")} | {"website", "templates"}
)

TEMPLATE_STRING = re.compile(r"""{%\s*(?:translate|trans)\s+(?:"([^"]+)"|'([^']+)')""")
PYTHON_STRING = re.compile(r"""\b_\(\s*(?:"((?:[^"\\\n]|\\.)+)"|'((?:[^'\\\n]|\\.)+)')\s*\)""")


def source_strings():
    found = set()
    for directory in SOURCE_DIRS:
        for path in (PROJECT / directory).rglob("*"):
            if "migrations" in path.parts or not path.is_file():
                continue
            if path.suffix == ".html":
                pattern = TEMPLATE_STRING
            elif path.suffix == ".py":
                pattern = PYTHON_STRING
            else:
                continue
            for match in pattern.finditer(path.read_text(encoding="utf-8")):
                text = match.group(1) or match.group(2)
                found.add(
                    (
                        text.encode().decode("unicode_escape").encode("latin-1").decode()
                        if "\\" in text
                        else text,
                        str(path.relative_to(PROJECT)),
                    )
                )
    return found


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def test_catalogue_has_no_untranslated_or_fuzzy_entries(catalogue):
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_every_interface_string_in_the_code_is_in_the_catalogue(catalogue):
    translated = {entry.msgid for entry in catalogue if entry.translated()}
    missing = sorted(f"{path}: {text}" for text, path in source_strings() if text not in translated)
    assert missing == []
