"""Single sign-on with the city's identity provider: OpenID Connect through mozilla-django-oidc.

mozilla-django-oidc does the authorization code flow (PKCE, state, nonce) and the ID token's signature; this module
adds what it leaves to its users: the endpoints from the issuer's discovery document, the JWKS cached and read again
when a token names a key it does not hold (the provider rotated its keys), the issuer, audience and expiry checks,
clear pages instead of errors, and the login and logout pages around it (password login off with
SILTA_LOCAL_LOGIN=false, RP-initiated logout where the provider offers it).
https://mozilla-django-oidc.readthedocs.io/ · https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any
from urllib.parse import urlencode

import josepy.errors
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from apps.accounts.models import User
from apps.accounts.services import user_sign_in_from_claims
from apps.core.exceptions import ApplicationError

logger = logging.getLogger(__name__)

# Clocks of the provider and of Silta may differ by this much (seconds) when expiry and issue time are checked.
CLOCK_LEEWAY = 60
# The discovery document is read again after this long (seconds), so a changed provider is seen within the hour.
DISCOVERY_MAX_AGE = 60 * 60


class ProviderUnavailable(ApplicationError):
    """The identity provider did not answer, or not as OpenID Connect says."""

    status_code = 503


class SignInRefused(ApplicationError):
    """The provider's answer failed a check (signature, issuer, audience, expiry, state, nonce)."""

    status_code = 400


def provider_unavailable() -> ProviderUnavailable:
    return ProviderUnavailable(_("The sign-in service does not answer right now. Please try again in a moment."))


def provider_name() -> str:
    """The provider's name on the login page's button."""
    return settings.SILTA_OIDC_PROVIDER_NAME or _("city account")


def is_configured() -> bool:
    """Single sign-on is on when an issuer and a client are set."""
    return bool(settings.SILTA_OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


_cache_lock = threading.Lock()
_discovery: dict[str, tuple[float, dict[str, Any]]] = {}
_jwks: dict[str, dict[str, Any]] = {}


def reset_caches() -> None:
    """Forget the discovery documents and keys read so far (a changed provider, the tests)."""
    with _cache_lock:
        _discovery.clear()
        _jwks.clear()


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("Identity provider unavailable at %s: %s", url, exc)
        raise provider_unavailable() from exc
    if not isinstance(document, dict):
        raise ProviderUnavailable(_("The sign-in service gave an answer Silta does not understand."))
    return document


def discovery() -> dict[str, Any]:
    """The issuer's discovery document, read once per process and hour; its issuer must be the one configured."""
    issuer = settings.SILTA_OIDC_ISSUER
    cached = _discovery.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_MAX_AGE:
        return cached[1]
    document = _get_json(f"{issuer}/.well-known/openid-configuration")
    if str(document.get("issuer", "")).rstrip("/") != issuer or "authorization_endpoint" not in document:
        raise ProviderUnavailable(_("The sign-in service gave an answer Silta does not understand."))
    with _cache_lock:
        _discovery[issuer] = (time.monotonic(), document)
    return document


def _signing_keys(*, refresh: bool = False) -> dict[str, Any]:
    """The provider's JWKS, kept until a token names a key it lacks."""
    url = discovery()["jwks_uri"]
    if refresh or url not in _jwks:
        keys = _get_json(url)
        with _cache_lock:
            _jwks[url] = keys
    return _jwks[url]


class OidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the endpoints from discovery and the ID token's claims checked in full."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # No endpoint is read here: Django makes a backend for every password login too, which must never wait for
        # the provider. The endpoints are properties below.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:  # the library's name
        return discovery()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str | None:
        return discovery().get("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return discovery()["jwks_uri"]

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view passes a nonce; a password login goes past this backend untouched.
        if request is None or "nonce" not in kwargs or not is_configured():
            return None
        return super().authenticate(request, **kwargs)

    def get_token(self, payload: dict[str, Any]) -> dict[str, Any]:
        try:
            return super().get_token(payload)
        except requests.HTTPError as exc:
            if exc.response is not None and 400 <= exc.response.status_code < 500:
                logger.warning("Identity provider refused the authorization code: %s", exc)
                message = _("The sign-in service did not accept this sign-in. Please sign in again.")
                raise SignInRefused(message) from exc
            raise provider_unavailable() from exc
        except (requests.RequestException, ValueError) as exc:
            logger.warning("Identity provider unavailable: %s", exc)
            raise provider_unavailable() from exc

    def retrieve_matching_jwk(self, token: bytes) -> dict[str, Any]:
        header = josepy.jws.Header.json_loads(josepy.jws.JWS.from_compact(token).signature.protected)
        for refresh in (False, True):
            for key in _signing_keys(refresh=refresh).get("keys", []):
                if key.get("kid") == header.kid and key.get("alg", header.alg.name) == header.alg.name:
                    return key
        raise SignInRefused(_("The sign-in could not be verified: it was signed with an unknown key."))

    def verify_token(self, token: str | None, **kwargs: Any) -> dict[str, Any]:
        """The signature and nonce (the library), then issuer, audience, expiry and issue time (OpenID Core 3.1.3.7)."""
        refused = _("The sign-in could not be verified. Please sign in again.")
        if not token:
            raise SignInRefused(refused)
        try:
            claims = super().verify_token(token, **kwargs)
        except (SuspiciousOperation, josepy.errors.Error, ValueError, KeyError, TypeError) as exc:
            logger.warning("ID token refused: %s", exc)
            raise SignInRefused(refused) from exc
        problem = _claims_problem(claims, issuer=discovery()["issuer"], client_id=self.OIDC_RP_CLIENT_ID)
        if problem:
            logger.warning("ID token refused: %s", problem)
            raise SignInRefused(refused)
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            try:
                userinfo = self.get_userinfo(access_token, id_token, payload)
            except (requests.RequestException, ValueError) as exc:
                raise provider_unavailable() from exc
            if userinfo.get("sub") != payload.get("sub"):  # OpenID Core 5.3.2: else it may be someone else's
                raise SignInRefused(_("The sign-in could not be verified. Please sign in again."))
            claims.update({name: value for name, value in userinfo.items() if name not in ("iss", "aud")})
        return user_sign_in_from_claims(issuer=payload["iss"], claims=claims)


def _claims_problem(claims: dict[str, Any], *, issuer: str, client_id: str) -> str:
    """What is wrong with an ID token's claims, blank for nothing."""
    now = time.time()
    audiences = claims.get("aud")
    audiences = [audiences] if isinstance(audiences, str) else list(audiences or [])
    if str(claims.get("iss", "")).rstrip("/") != issuer.rstrip("/"):
        return f"issuer {claims.get('iss')!r} is not {issuer!r}"
    if client_id not in audiences:
        return f"audience {audiences!r} does not hold {client_id!r}"
    if len(audiences) > 1 and claims.get("azp") != client_id:
        return f"authorized party {claims.get('azp')!r} is not {client_id!r}"
    if not isinstance(claims.get("exp"), int | float) or claims["exp"] + CLOCK_LEEWAY < now:
        return f"expired at {claims.get('exp')!r}"
    if not isinstance(claims.get("iat"), int | float) or claims["iat"] - CLOCK_LEEWAY > now:
        return f"issued in the future at {claims.get('iat')!r}"
    if not claims.get("sub"):
        return "no subject"
    return ""


def sign_in_refused(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    """The page of a sign-in that did not succeed: what happened, and the way back to the login page."""
    return render(request, "registration/sign_in_refused.html", {"message": message}, status=status)


class OidcAuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with the endpoint from discovery."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = discovery()["authorization_endpoint"]
        except ApplicationError as exc:
            return sign_in_refused(request, exc.message, exc.status_code)
        return super().get(request)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: a signed-in user, or a page that says why not (no account made or changed)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_configured():
            raise Http404
        expired = _("This sign-in has expired or was already used. Please sign in again.")
        if "code" in request.GET and request.GET.get("state") not in request.session.get("oidc_states", {}):
            return sign_in_refused(request, expired)  # a state this browser was not given or has used (a replay)
        try:
            return super().get(request)
        except SuspiciousOperation:
            return sign_in_refused(request, expired)
        except ApplicationError as exc:
            return sign_in_refused(request, exc.message, exc.status_code)

    def login_failure(self) -> HttpResponse:
        return sign_in_refused(self.request, _("The sign-in did not succeed. Please sign in again."))

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        if self.user.language:  # the provider's language for the user, as the language menu would set it
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, self.user.language, samesite="Lax")
        return response


class LoginView(auth_views.LoginView):
    """The login page: "Sign in with <provider>" first when single sign-on is on; passwords unless switched off."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "sso_enabled": is_configured(),
            "sso_name": provider_name(),
            "local_login": settings.SILTA_LOCAL_LOGIN or not is_configured(),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.SILTA_LOCAL_LOGIN and is_configured():
            return sign_in_refused(
                request,
                _("Passwords are not used here. Sign in with %(name)s.") % {"name": provider_name()},
                status=403,
            )
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Logs out of Silta and, where the provider offers it, out of the provider too (RP-initiated logout)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider_url = provider_logout_url(request)  # before the session, with the ID token, ends
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response


def provider_logout_url(request: HttpRequest) -> str:
    """The provider's end_session_endpoint for this session's sign-in, blank when there is none to end."""
    id_token = request.session.get("oidc_id_token")
    if not id_token or not is_configured():
        return ""
    try:
        endpoint = discovery().get("end_session_endpoint")
    except ApplicationError:
        return ""  # the provider is down: Silta's own session still ends
    if not endpoint:
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL)),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
