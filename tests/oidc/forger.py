"""A stand-in provider for the refusal tests, which need ID tokens no real provider would issue (another audience or
issuer, expired, signed with a key it does not publish). It serves discovery, its JWKS and a token endpoint that
answers with the token the test put in ``next_id_token``; the happy path goes through node-oidc-provider instead.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import josepy
from cryptography.hazmat.primitives.asymmetric import rsa


@functools.cache
def signing_key(kid: str) -> tuple[josepy.JWKRSA, str]:
    """An RSA key under ``kid``, the same one for the same name in a test run (generating one takes a while)."""
    return josepy.JWKRSA(key=rsa.generate_private_key(public_exponent=65537, key_size=2048)), kid


class ForgingProvider:
    """``with ForgingProvider() as forger:`` on a free port; ``forger.id_token(...)`` signs what a test wants."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.published = [signing_key("published-1")]
        self.next_id_token = ""
        self.token_requests: list[str] = []

    def id_token(
        self, *, nonce: str, key: tuple[josepy.JWKRSA, str] | None = None, lifetime: int = 300, **claims: Any
    ) -> str:
        """A signed ID token for subject "forged-1" with the given nonce; keywords change or add claims."""
        jwk, kid = key or self.published[0]
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": "silta-test",
            "sub": "forged-1",
            "iat": now,
            "exp": now + lifetime,
            "nonce": nonce,
            "email": "forged@example.org",
            "given_name": "Fay",
            "family_name": "Forged",
            **claims,
        }
        jws = josepy.JWS.sign(
            json.dumps(payload).encode(), key=jwk, alg=josepy.RS256, kid=kid, protect=frozenset(["alg", "kid"])
        )
        return jws.to_compact().decode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        forger = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, document: dict[str, Any]) -> None:
                body = json.dumps(document).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    self._json(
                        {
                            "issuer": forger.issuer,
                            "authorization_endpoint": f"{forger.issuer}/auth",
                            "token_endpoint": f"{forger.issuer}/token",
                            "jwks_uri": f"{forger.issuer}/jwks",
                            "end_session_endpoint": f"{forger.issuer}/session/end",
                        }
                    )
                elif self.path == "/jwks":
                    keys = [
                        {**jwk.public_key().to_partial_json(), "kid": kid, "alg": "RS256", "use": "sig"}
                        for jwk, kid in forger.published
                    ]
                    self._json({"keys": keys})
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                forger.token_requests.append(self.path)
                self._json({"access_token": "forged", "token_type": "Bearer", "id_token": forger.next_id_token})

        return Handler

    def __enter__(self) -> ForgingProvider:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()
