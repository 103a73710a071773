"""No secret in the repository: detect-secrets scans every file git tracks (a deliberate example says so with
``pragma: allowlist secret`` on its line)."""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

DETECT_SECRETS = str(Path(sys.executable).parent / "detect-secrets")


def findings(folder: Path, *options: str) -> dict[str, list[dict]]:
    result = subprocess.run(
        [DETECT_SECRETS, "scan", *options], cwd=folder, capture_output=True, text=True, check=True, timeout=300
    )
    return json.loads(result.stdout)["results"]


def test_no_file_in_the_repository_holds_a_secret():
    found = findings(Path(settings.BASE_DIR))

    assert found == {}, [(path, item["type"], item["line_number"]) for path, items in found.items() for item in items]


def test_the_scan_finds_a_key_left_in_a_file(tmp_path):
    key = "AKIA" + "Q3EGTZ5XN7" + "BWLP4M"  # put together here, so this file holds no key itself
    (tmp_path / "settings.py").write_text(f'AWS_ACCESS_KEY_ID = "{key}"\n')

    found = findings(tmp_path, "--all-files")

    assert [item["type"] for item in found["settings.py"]] == ["AWS Access Key"]
