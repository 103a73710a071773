from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from apps.accounts import oidc
from tests.oidc import CLIENT_ID, CLIENT_SECRET, OidcProvider, is_installed
from tests.oidc.forger import ForgingProvider


def use_provider(settings: Any, issuer: str) -> None:
    """Single sign-on on, against ``issuer``, with the discovery and keys of earlier tests forgotten."""
    settings.SILTA_OIDC_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile silta"
    settings.SILTA_OIDC_PROVIDER_NAME = "Test City ID"
    oidc.reset_caches()


@pytest.fixture
def forger(settings: Any) -> Iterator[ForgingProvider]:
    """Single sign-on against a stand-in provider that issues the ID tokens a test forges."""
    with ForgingProvider() as provider:
        use_provider(settings, provider.issuer)
        yield provider
    oidc.reset_caches()


@pytest.fixture(scope="session")
def oidc_provider(live_server: Any, unused_port_session: int) -> Iterator[OidcProvider]:
    """node-oidc-provider, once per session, with a client whose redirect URIs are the live server's."""
    if not is_installed():
        pytest.skip("the tests' OpenID provider is not installed: run `make test` (npm ci in tests/oidc)")
    with OidcProvider(
        unused_port_session,
        redirect_uris=[f"{live_server.url}/accounts/oidc/callback/"],
        post_logout_redirect_uris=[f"{live_server.url}/accounts/login/"],
    ) as provider:
        yield provider


@pytest.fixture(scope="session")
def unused_port_session() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
