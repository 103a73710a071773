"""docker-compose.yml: valid under the Compose Specification, and shaped so that jobs, mail and health survive.

The schema is the official one (.ci/compose-spec.json, from github.com/compose-spec/compose-spec, schema/), checked
with jsonschema: no Docker engine or compose plugin is needed. tests/core/test_production_rehearsal.py runs the
services' commands for real.
"""

import json
import shlex
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.conf import settings

COMPOSE_FILE = Path(settings.BASE_DIR, "docker-compose.yml")
SCHEMA_FILE = Path(settings.BASE_DIR, ".ci", "compose-spec.json")
APP_SERVICES = ("web", "worker", "indicator-worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_the_compose_file_is_valid_under_the_compose_specification(compose):
    schema = json.loads(SCHEMA_FILE.read_text())

    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in jsonschema.Draft7Validator(schema).iter_errors(compose)
    ]

    assert errors == []


def test_the_validator_refuses_a_compose_file_that_breaks_the_specification(compose):
    schema = json.loads(SCHEMA_FILE.read_text())
    broken = {**compose, "services": {**compose["services"], "web": {**compose["services"]["web"], "ports": 8000}}}

    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_redis_keeps_queued_jobs_across_a_restart(compose):
    redis = compose["services"]["redis"]

    arguments = shlex.split(redis["command"]) if isinstance(redis["command"], str) else redis["command"]
    assert arguments[arguments.index("--appendonly") + 1] == "yes"
    assert any(volume.split(":")[1] == "/data" for volume in redis["volumes"])
    assert redis["volumes"][0].split(":")[0] in compose["volumes"]


def test_the_app_containers_get_the_mail_settings(compose):
    for name in (*APP_SERVICES, "migrate"):
        environment = compose["services"][name]["environment"]
        assert {"DJANGO_EMAIL_URL", "DJANGO_DEFAULT_FROM_EMAIL", "SILTA_ACCESSIBILITY_FEEDBACK_EMAIL"} <= set(
            environment
        ), name


def test_migrations_run_once_before_web_worker_and_beat(compose):
    services = compose["services"]

    assert "migrate" in shlex.split(services["migrate"]["command"])
    assert services["migrate"]["restart"] == "no"
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, name
        assert "migrate" not in services[name]["command"], name


def test_a_tls_proxy_stands_in_front_of_web_and_web_trusts_only_it(compose):
    services = compose["services"]
    proxy = services["proxy"]

    assert proxy["image"].startswith("caddy:")
    assert {port.split(":")[-1] for port in proxy["ports"]} >= {"80", "443"}
    assert "ports" not in services["web"]  # reachable only through the proxy
    assert services["web"]["environment"]["SILTA_PROXY_COUNT"] == "1"
    caddyfile = Path(settings.BASE_DIR, proxy["volumes"][0].split(":")[0]).read_text()
    assert "reverse_proxy web:8000" in caddyfile


def test_each_worker_health_check_pings_its_own_node(compose):
    for name in ("worker", "indicator-worker"):
        test = compose["services"][name]["healthcheck"]["test"]
        arguments = shlex.split(compose["services"][name]["command"])
        node = arguments[arguments.index("-n") + 1]  # <name>@%h: %h is the host name

        assert test[0] == "CMD-SHELL" and node.endswith("@%h")
        # $$: compose passes a literal $ to the container's shell
        assert f"-d {node.removesuffix('%h')}$$HOSTNAME" in test[1], name


def test_every_queue_has_a_worker_and_the_indicator_jobs_one_of_their_own(compose):
    from config.settings import base

    served: dict[str, list[str]] = {}
    for name, service in compose["services"].items():
        arguments = shlex.split(service.get("command", "")) if isinstance(service.get("command"), str) else []
        if arguments[:4] == ["celery", "-A", "config", "worker"]:
            for queue in arguments[arguments.index("-Q") + 1].split(","):
                served.setdefault(queue, []).append(name)

    assert served == {base.CELERY_TASK_DEFAULT_QUEUE: ["worker"], base.SILTA_INDICATOR_QUEUE: ["indicator-worker"]}


def test_the_web_health_check_asks_by_address_not_by_host_name(compose):
    test = " ".join(compose["services"]["web"]["healthcheck"]["test"])

    assert "http://127.0.0.1:8000/healthz" in test
