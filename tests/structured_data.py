"""Reading the JSON-LD blocks of a rendered page, as a search engine does."""

import json
import re

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(html):
    return [json.loads(payload) for payload in BLOCK.findall(html)]


def json_ld_of_type(html, schema_type):
    """The one block of this schema.org type; fails the test if there is none."""
    matches = [block for block in json_ld_blocks(html) if block.get("@type") == schema_type]
    assert len(matches) == 1, f"expected one {schema_type} block, found {len(matches)}"
    return matches[0]
