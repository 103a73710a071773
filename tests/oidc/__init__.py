"""A real OpenID Connect provider for the tests: node-oidc-provider (tests/oidc/provider.mjs) run with Node.

``make test`` installs it (``npm ci`` in tests/oidc); the ``oidc_provider`` fixture (tests/accounts/conftest.py)
starts one per test session on a free port.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from tests.waiting import wait_until

HERE = Path(__file__).resolve().parent
CLIENT_ID = "silta-test"
CLIENT_SECRET = "silta-test-secret"  # pragma: allowlist secret
# The claims of the provider's users: the login name on its form is the key.
ACCOUNTS: dict[str, dict[str, Any]] = {
    "aino": {
        "email": "aino.virtanen@example.org",
        "email_verified": True,
        "given_name": "Aino",
        "family_name": "Virtanen",
        "locale": "fi-FI",
        "department": "CULT-01",
        "groups": ["silta-officials"],
    },
    "bo": {
        "email": "bo.lindqvist@example.org",
        "email_verified": True,
        "given_name": "Bo",
        "family_name": "Lindqvist",
        "locale": "sv-FI",
        "department": "NO-SUCH-UNIT",
        "groups": [],
    },
}
EXTRA_CLAIMS = ["department", "groups"]


def is_installed() -> bool:
    return shutil.which("node") is not None and (HERE / "node_modules" / "oidc-provider").is_dir()


class OidcProvider:
    """``with OidcProvider(port, redirect_uris) as provider:`` serves an issuer at ``provider.issuer``."""

    def __init__(self, port: int, *, redirect_uris: list[str], post_logout_redirect_uris: list[str]) -> None:
        self.port = port
        self.issuer = f"http://127.0.0.1:{port}"
        self.config = {
            "port": port,
            "issuer": self.issuer,
            "extraClaims": EXTRA_CLAIMS,
            "accounts": ACCOUNTS,
            "clients": [
                {
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": redirect_uris,
                    "post_logout_redirect_uris": post_logout_redirect_uris,
                    "grant_types": ["authorization_code"],
                    "response_types": ["code"],
                    "token_endpoint_auth_method": "client_secret_basic",
                }
            ],
        }
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> OidcProvider:
        self.config_file = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(self.config, self.config_file)
        self.config_file.close()
        self.log = tempfile.TemporaryFile("w+")
        self.process = subprocess.Popen(
            ["node", str(HERE / "provider.mjs"), self.config_file.name],
            cwd=HERE,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        wait_until(self._ready, 20, "the OpenID provider to start", log=self._log)
        return self

    def _ready(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"the OpenID provider exited:\n{self._log()}")
        return "ready " in self._log()

    def _log(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def __exit__(self, *exc_info: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        Path(self.config_file.name).unlink(missing_ok=True)
        self.log.close()
