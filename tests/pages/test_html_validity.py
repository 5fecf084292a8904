"""Templates produce valid HTML5, as the Nu HTML Checker (vnu.jar, run by Java) sees it.

`.ci/run` installs the checker from npm (vnu-jar) under var/tools/; elsewhere the test
is skipped with the reason, or VNU_JAR names the jar.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", PROJECT / "var/tools/node_modules/vnu-jar/build/dist/vnu.jar")
)

PAGES = [
    "/ro/",
    "/en/",
    "/ro/despre/",
    "/en/about/",
    "/ro/contact/",
    "/en/accessibility-statement/",
    "/ro/cautare/",
    "/ro/cautare/?q=Botosani",
    "/en/search/?q=nothing-matches-this",
    "/ro/nu-exista/",
    "/ro/stiri/",
    "/en/news/?topic=urbact&year=2021",
    "/ro/stiri/comunicat-de-presa-intalnirea-grupului-local-urbact/",
    "/en/news/botosani-partner-in-the-urbact-network-di4c/",
    "/ro/stiri/subiect/urbact/",
    "/ro/proiecte/",
    "/ro/proiecte/digiplace/",
    "/en/projects/digiplace/botosani-pilot-action/",
    "/ro/parteneri/",
    "/en/partners/messina/",
]


@pytest.mark.django_db
def test_public_pages_are_valid_html5(client, demo_content, tmp_path):
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.skip(f"Nu HTML Checker not installed ({VNU_JAR}, java); .ci/run installs it")
    files = []
    for number, path in enumerate(PAGES):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        file = tmp_path / f"page{number}.html"
        file.write_bytes(response.content)
        files.append((file, path))
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *[str(f) for f, _ in files],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    by_file = {str(f): path for f, path in files}
    errors = [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []
