"""The WSGI entry point gunicorn loads: the loaded application is kept out of the garbage collector's work."""

import json
import os
import subprocess
import sys
from pathlib import Path

from config.wsgi import GC_THRESHOLDS

ROOT = Path(__file__).resolve().parents[2]
PROBE = "import gc, json, config.wsgi; print(json.dumps([gc.get_freeze_count(), gc.get_threshold()]))"


def test_loading_the_application_freezes_its_objects_and_spaces_out_collections():
    # in a process of its own, as a gunicorn worker loads it (the test settings: no production secrets needed)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    output = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    ).stdout
    frozen, thresholds = json.loads(output.strip().splitlines()[-1])

    assert frozen > 50_000  # the modules, URL patterns and models loaded
    assert tuple(thresholds) == GC_THRESHOLDS
