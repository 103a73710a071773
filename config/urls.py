from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from apps.accounts import oidc
from apps.partners import views as partner_views

urlpatterns = [
    # First: integrations send far more requests than people, and Django tries the patterns in order (the API
    # after the pages cost 0.2 ms of every API request, docs/performance.md "Bookings under contention").
    path("api/", include("config.api_urls")),
    path("", include("apps.home.urls")),
    path("", include("apps.core.urls")),
    path("accounts/login/", oidc.LoginView.as_view(), name="login"),
    path("accounts/logout/", oidc.LogoutView.as_view(), name="logout"),
    # Single sign-on (apps/accounts/oidc.py): to the provider and back; both answer 404 while it is off.
    path(
        "accounts/oidc/authenticate/",
        login_not_required(oidc.OidcAuthenticateView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "accounts/oidc/callback/",
        login_not_required(oidc.OidcCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path("", include("apps.accounts.urls")),
    # Visitors choose their language before logging in, too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("notifications/", include("apps.notifications.urls")),
    path("directory/", include("apps.sectors.urls")),
    path("organisations/", include("apps.organisations.urls")),
    path("strategy/", include("apps.strategy.urls")),
    path("initiatives/", include("apps.initiatives.urls")),
    path("programmes/", include("apps.programmes.urls")),
    path("premises/", include("apps.premises.urls")),
    path("partners-wanted/", include("apps.partner_requests.urls")),
    path("pulse/", include("apps.pulse.urls")),
    path("indicators/", include("apps.indicators.urls")),
    path("dashboards/", include("apps.dashboards.urls")),
    path("imports/", include("apps.imports.urls")),
    # Partner accounts (apps/partners): allauth's sign-up, verification and sign-in, then the partner pages.
    path("partners/account/signup/", partner_views.signup, name="account_signup"),
    path("partners/account/", include("allauth.urls")),
    path("partners/", include("apps.partners.urls")),
    # Public pages and open data (no login): apps/public.
    path("open/", include("apps.public.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Database trouble (a time limit, PostgreSQL down) is a 503 "try again", every other failure the 500 page.
handler500 = "apps.core.views.server_error"
