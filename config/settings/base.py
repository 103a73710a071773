"""Settings shared by every run mode. Values come from the environment (django-environ).

https://docs.djangoproject.com/en/5.2/ref/settings/
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file is read only when asked for, so a stray file never changes a deployment silently.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, so the admin edits every language's column of a translated name.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "axes",
    "mozilla_django_oidc",
    "apps.core",
    "apps.accounts",
    "apps.notifications",
    "apps.sectors",
    "apps.organisations",
    "apps.strategy",
    "apps.programmes",
    "apps.initiatives",
    "apps.premises",
    "apps.partner_requests",
    "apps.pulse",
    "apps.indicators",
    "apps.dashboards",
    "apps.imports",
    "apps.home",
    "apps.public",
    "apps.partners",
    # Partner accounts' sign-up and e-mail verification (apps/partners): https://docs.allauth.org/
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    # First, so it sees every answer: errors under /api/ are JSON whichever layer gave them.
    "apps.core.middleware.ApiErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files carry it too.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # /healthz whatever the Host: before CommonMiddleware, which checks ALLOWED_HOSTS (apps/core/middleware.py).
    "apps.core.middleware.HealthCheckMiddleware",
    # A GET's view reads from the read replica, if there is one (apps/core/replica.py); first of the view hooks.
    "apps.core.replica.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # ?lang=fi|sv|en overrides the negotiated language (the API's and the feeds' choice in the address).
    "apps.core.middleware.LanguageParameterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Everything needs a login unless a view says otherwise with @login_not_required.
    # https://docs.djangoproject.com/en/5.2/ref/middleware/#django.contrib.auth.middleware.LoginRequiredMiddleware
    "apps.core.middleware.LoginRequiredMiddleware",
    # A partner account reaches only the partner pages, its account and the public pages (apps/partners).
    "apps.partners.middleware.PartnerAreaMiddleware",
    # django-allauth's own (its sign-up and verification flows keep their state in the session).
    "allauth.account.middleware.AccountMiddleware",
    # Cache-Control: private, no-store for logged-in pages and the API (after authentication, which it reads).
    "apps.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lock-out into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.accounts.context_processors.navigation",
                "apps.indicators.context_processors.navigation",
                "apps.notifications.context_processors.bell",
                "apps.partners.context_processors.strong_identification",
            ],
        },
    },
]


def _database_url() -> str:
    """``DATABASE_URL``, required: a deployment must never start on a database of its own making.

    Only the development and test settings fall back to the embedded PostgreSQL, and they do it before they load
    this module (config/embedded_postgres.py ``use_when_no_database_url``).
    """
    if url := os.environ.get("DATABASE_URL"):
        return url
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Give it the PostgreSQL database to use (postgres://silta@db.example:5432/silta); "
        "only the development and test settings start an embedded PostgreSQL without it."
    )


DATABASES = {"default": env.db_url_config(_database_url())}
# A Unix socket directory arrives percent-encoded in the URL's host part (postgres://user@%2Fpath%2Fto/db).
DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"])
# Connections are reused and checked before use, so the app recovers after PostgreSQL restarts.
# https://docs.djangoproject.com/en/5.2/ref/databases/#persistent-connections
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Time limits per connection (PostgreSQL durations: 500ms, 10s, 20min; 0 turns one off). A request that waits
# longer for a lock, or runs a longer statement, ends in a 503 "try again" (apps.core.views.server_error), so a
# held table lock no longer freezes every gunicorn worker; gunicorn's own --timeout (Dockerfile, compose) stays
# above statement + lock timeout. Celery workers set the longer task limits on their connections
# (apps/core/database.py): indicator runs take minutes on big data. Management commands get the web limits;
# give a long one its own through the environment (SILTA_DB_STATEMENT_TIMEOUT=0 manage.py ...).
# https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT
# https://www.psycopg.org/docs/module.html#psycopg2.connect (libpq "options")
SILTA_DB_STATEMENT_TIMEOUT = env("SILTA_DB_STATEMENT_TIMEOUT", default="10s")
SILTA_DB_LOCK_TIMEOUT = env("SILTA_DB_LOCK_TIMEOUT", default="3s")
SILTA_DB_TASK_STATEMENT_TIMEOUT = env("SILTA_DB_TASK_STATEMENT_TIMEOUT", default="20min")
SILTA_DB_TASK_LOCK_TIMEOUT = env("SILTA_DB_TASK_LOCK_TIMEOUT", default="1min")
_database_options = DATABASES["default"].setdefault("OPTIONS", {})
_database_options["options"] = " ".join(
    filter(
        None,
        [
            _database_options.get("options"),  # any the DATABASE_URL brought (?options=...)
            f"-c statement_timeout={SILTA_DB_STATEMENT_TIMEOUT} -c lock_timeout={SILTA_DB_LOCK_TIMEOUT}",
        ],
    )
)
# A read replica (a PostgreSQL streaming standby) for GET requests' reads, when one is given: apps/core/replica.py
# says which reads go there. Same time limits as the primary; a short connect timeout, so a replica that is down
# costs a request at most that before its reads fall back to the primary.
if _replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = env.db_url_config(_replica_url)
    DATABASES["replica"]["HOST"] = unquote(DATABASES["replica"]["HOST"])
    DATABASES["replica"].update(CONN_MAX_AGE=DATABASES["default"]["CONN_MAX_AGE"], CONN_HEALTH_CHECKS=True)
    _replica_options = DATABASES["replica"].setdefault("OPTIONS", {})
    _replica_options.setdefault("connect_timeout", env.int("SILTA_REPLICA_CONNECT_TIMEOUT", default=2))
    _replica_options["options"] = " ".join(
        filter(
            None,
            [
                _replica_options.get("options"),
                f"-c statement_timeout={SILTA_DB_STATEMENT_TIMEOUT} -c lock_timeout={SILTA_DB_LOCK_TIMEOUT}",
            ],
        )
    )
    # Tests that have no replica of their own read the test database through this alias.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["apps.core.replica.ReplicaRouter"]
# After a write, the same browser reads from the primary this long (longer than the replication lag).
SILTA_REPLICA_PIN_SECONDS = env.int("SILTA_REPLICA_PIN_SECONDS", default=10)
# After a failed connection to the replica, reads stay on the primary this long before it is tried again.
SILTA_REPLICA_RETRY_SECONDS = env.int("SILTA_REPLICA_RETRY_SECONDS", default=30)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Login throttling: https://django-axes.readthedocs.io/en/latest/2_installation.html
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that reads the user's roles with the user: https://docs.djangoproject.com/en/5.2/topics/auth/customizing/
    "apps.accounts.backends.RoleAwareModelBackend",
    # Single sign-on (below); it answers only the provider's callback, and only when an issuer is set.
    "apps.accounts.oidc.OidcBackend",
    # Partner accounts: e-mail and password, only once the e-mail is verified (apps/partners/backends.py).
    "apps.partners.backends.PartnerBackend",
]
# Five wrong passwords for one username from one address lock that pair out for 15 minutes (HTTP 429).
AXES_FAILURE_LIMIT = env.int("SILTA_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SILTA_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Reverse proxies in front of the app (nginx, a load balancer): each appends to X-Forwarded-For, so the client's
# address is the SILTA_PROXY_COUNT-th entry from the right (apps.core.http.client_ip, with django-ipware).
# Lock-outs count per client, not against the proxy. 0: the connection's address, the header is ignored.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html#configuring-reverse-proxies
SILTA_PROXY_COUNT = env.int("SILTA_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "apps.core.http.client_ip"
# --- Single sign-on (README, "Single sign-on"): OpenID Connect through mozilla-django-oidc, configured only from
# the environment. The issuer's discovery document (<issuer>/.well-known/openid-configuration) gives the endpoints
# and is read once per process (apps/accounts/oidc.py). Without an issuer, only local passwords.
# https://mozilla-django-oidc.readthedocs.io/en/stable/settings.html
# https://openid.net/specs/openid-connect-discovery-1_0.html
SILTA_OIDC_ISSUER = env("SILTA_OIDC_ISSUER", default="").rstrip("/")
# The name on the login page's button ("Sign in with <name>"); blank: "city account" in the user's language.
SILTA_OIDC_PROVIDER_NAME = env("SILTA_OIDC_PROVIDER_NAME", default="")
# The claim with the user's unit code (matched to Unit.external_code) and the one with their directory groups.
SILTA_OIDC_UNIT_CLAIM = env("SILTA_OIDC_UNIT_CLAIM", default="department")
SILTA_OIDC_GROUPS_CLAIM = env("SILTA_OIDC_GROUPS_CLAIM", default="groups")
# Local user names and passwords beside single sign-on; production may turn them off (config/settings/prod.py).
SILTA_LOCAL_LOGIN = env.bool("SILTA_LOCAL_LOGIN", default=True)
# Whom a user without a unit or role asks for access (an e-mail address); without it, the first of ADMINS, if any.
SILTA_ACCESS_CONTACT = env("SILTA_ACCESS_CONTACT", default="")
OIDC_RP_CLIENT_ID = env("SILTA_OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("SILTA_OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = " ".join(env.list("SILTA_OIDC_SCOPES", default=["openid", "email", "profile"]))
OIDC_RP_SIGN_ALGO = env("SILTA_OIDC_SIGN_ALGO", default="RS256")
# Authorization code flow with PKCE (S256), state and nonce; the client authenticates with HTTP Basic
# (client_secret_basic, every provider's default).
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TOKEN_USE_BASIC_AUTH = env.bool("SILTA_OIDC_TOKEN_BASIC_AUTH", default=True)
# A provider that does not answer is a clear message within seconds, not a hanging login (seconds per request).
OIDC_TIMEOUT = env.float("SILTA_OIDC_TIMEOUT", default=4)
# The ID token is kept in the session as the id_token_hint of the provider's logout (RP-initiated logout).
OIDC_STORE_ID_TOKEN = True
OIDC_OP_LOGOUT_URL_METHOD = "apps.accounts.oidc.provider_logout_url"
OIDC_CALLBACK_CLASS = "apps.accounts.oidc.OidcCallbackView"
OIDC_AUTHENTICATE_CLASS = "apps.accounts.oidc.OidcAuthenticateView"
# Accounts are made and kept up to date by apps.accounts.services.user_sign_in_from_claims.
OIDC_CREATE_USER = True
# --- end of single sign-on
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Partner accounts (README, "Partner accounts"): people of external organisations sign up with their e-mail
# through django-allauth, verify it, and ask to join their organisation. https://docs.allauth.org/en/latest/
ACCOUNT_ADAPTER = "apps.partners.adapter.PartnerAccountAdapter"
SOCIALACCOUNT_ADAPTER = "apps.partners.adapter.PartnerSocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "apps.partners.signup.PartnerSignupForm"
ACCOUNT_FORMS = {"reset_password": "apps.partners.forms.PartnerResetPasswordForm"}  # pragma: allowlist secret
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = env.int("SILTA_PARTNER_CONFIRMATION_DAYS", default=3)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Silta: "
ACCOUNT_LOGOUT_REDIRECT_URL = "partners:home"
ACCOUNT_SESSION_REMEMBER = False
# allauth keeps its own rate limits per process (its defaults); the sign-up is throttled per address in Redis, for
# every worker at once, by REST_FRAMEWORK's "partner_signup" rate (apps/partners/views.py).
# Addresses of throw-away mail services (the disposable-email-domains list) cannot sign up.
SILTA_PARTNER_REFUSE_DISPOSABLE_EMAIL = env.bool("SILTA_PARTNER_REFUSE_DISPOSABLE_EMAIL", default=True)
# Strong identification of partners through an OpenID Connect provider (e.g. Suomi.fi e-Identification), only where
# the city configures one: its issuer, client id and secret. Without an issuer, partners sign up by e-mail only.
SILTA_PARTNER_OIDC_ISSUER = env("SILTA_PARTNER_OIDC_ISSUER", default="").rstrip("/")
SILTA_PARTNER_OIDC_NAME = env("SILTA_PARTNER_OIDC_NAME", default="Suomi.fi")
SOCIALACCOUNT_PROVIDERS = (
    {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "EMAIL_AUTHENTICATION": False,
            "APPS": [
                {
                    "provider_id": "strong",
                    "name": SILTA_PARTNER_OIDC_NAME,
                    "client_id": env("SILTA_PARTNER_OIDC_CLIENT_ID", default=""),
                    "secret": env("SILTA_PARTNER_OIDC_CLIENT_SECRET", default=""),
                    "settings": {"server_url": SILTA_PARTNER_OIDC_ISSUER, "token_auth_method": "client_secret_basic"},
                }
            ],
        }
    }
    if SILTA_PARTNER_OIDC_ISSUER
    else {}
)
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # the provider has verified the person
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # an e-mail never links a login of the provider to an account
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_ONLY = False
# --- end of partner accounts

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the city is bilingual (Finnish, Swedish) and works in English too.
LANGUAGE_CODE = env("DJANGO_LANGUAGE_CODE", default="fi")
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Reference data (sector, unit, topic, theme, goal, programme, venue, space names...) has a column per language
# (each model's translation.py); a name missing in the active language falls back to Finnish, then Swedish, then
# English: the first name present (docs/translations.md).
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "sv", "en")}
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Europe/Helsinki")
USE_I18N = True
USE_TZ = True
# Our own date formats first: Swedish as written in Finland (1.12.2026), English day before month (config/formats).
# https://docs.djangoproject.com/en/5.2/ref/settings/#format-module-path
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail (issue 12, the build): the mail server in one URL (README, "Production"): smtp+tls:// for STARTTLS
# on 587, smtps:// for TLS on 465, smtp:// plain; percent-encode "@" in the user name. Without one, mail goes to
# the log.
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url
if env("DJANGO_EMAIL_URL", default=""):
    globals().update(env.email_url("DJANGO_EMAIL_URL"))  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS, ...
else:
    EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# A mail server that does not answer must not hold a worker for minutes (Django's default is no timeout).
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="silta@localhost")
# Error mails to the admins come from the same sender, so the city's mail server accepts them.
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# --- end e-mail
# The public pages and open data (apps/public): how long a browser or a CDN may keep an answer, and the licence
# the open data is published under.
SILTA_PUBLIC_CACHE_SECONDS = env.int("SILTA_PUBLIC_CACHE_SECONDS", default=300)
SILTA_OPEN_DATA_LICENCE = env("SILTA_OPEN_DATA_LICENCE", default="CC BY 4.0")
SILTA_OPEN_DATA_LICENCE_URL = env("SILTA_OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/")
SILTA_ACCESSIBILITY_FEEDBACK_EMAIL = env("SILTA_ACCESSIBILITY_FEEDBACK_EMAIL", default="accessibility@localhost")

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")

# Rendered dashboard tiles are kept per process; their key changes with every computation.
# https://docs.djangoproject.com/en/5.2/topics/cache/#local-memory-caching
# Throttle counters are shared by every worker, so they live in Redis; with short timeouts, since a throttle
# that cannot reach Redis lets the request through (apps/core/throttling.py).
# https://docs.djangoproject.com/en/5.2/topics/cache/#redis
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("SILTA_THROTTLE_REDIS_URL", default=REDIS_URL),
        "KEY_PREFIX": "silta-throttle",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    },
}

# Celery: Redis as broker and result store, JSON only, acknowledge after the work is done.
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_RESULT_EXPIRES = 24 * 60 * 60
# The indicator jobs (minutes of SQL each on a big city) have a queue of their own, so workers for them scale apart
# from the ones that send mail and run imports, and a long run never holds up a reminder. Beat's nightly run goes
# there too. A worker serves the queues its -Q names (docker-compose.yml: worker and indicator-worker).
# https://docs.celeryq.dev/en/stable/userguide/routing.html
CELERY_TASK_DEFAULT_QUEUE = "celery"
SILTA_INDICATOR_QUEUE = env("SILTA_INDICATOR_QUEUE", default="indicators")
CELERY_TASK_ROUTES = {"indicators.*": {"queue": SILTA_INDICATOR_QUEUE}}
# A task that is not acknowledged within this time is handed to another worker; every retry countdown stays
# well below it. https://docs.celeryq.dev/en/stable/getting-started/backends-and-brokers/redis.html#visibility-timeout
# The socket timeouts make a refused or frozen Redis an error within seconds instead of a hang (a web request or
# `compute_indicators` waiting forever); the publish retry policy bounds how often a send is tried again.
# https://docs.celeryq.dev/en/stable/userguide/configuration.html#broker-transport-options
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 60 * 60,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "retry_on_timeout": False,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# https://docs.celeryq.dev/en/stable/userguide/calling.html#retry-policy
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
}
# With no reachable Redis, `make run` sets this so tasks run in-process (and says so in the log).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
# django-celery-beat's database schedule, sent only by the beat that holds a lock in Redis (config/beat.py), so a
# second beat process never runs the schedule twice; every sent entry is written back at once for a successor.
# https://django-celery-beat.readthedocs.io/
CELERY_BEAT_SCHEDULER = "config.beat:SingleBeatScheduler"
CELERY_BEAT_LOCK_TIMEOUT = 60
CELERY_BEAT_SYNC_EVERY = 1
# The nightly jobs live here in code; django-celery-beat mirrors them into the database for the admin.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {}

# --- Mail retries -----------------------------------------------------------------------------------------------
# Mail leaves through a Celery task (apps.core.tasks.email_send_task), never from a request: an SMTP server that is
# down or slow costs retries, not answers. Retries back off exponentially with jitter from SILTA_MAIL_RETRY_BACKOFF
# seconds up to SILTA_MAIL_RETRY_BACKOFF_MAX (below the broker's visibility timeout above), SILTA_MAIL_MAX_RETRIES
# times (at most about 2.5 h in all); then the e-mail is marked failed (admin: Outgoing e-mails). Every 10 minutes
# beat queues again an e-mail no task has tried for SILTA_MAIL_STALE_AFTER seconds: its task was lost (the broker
# was down when the change committed). EMAIL_TIMEOUT (above) bounds each SMTP conversation.
# https://docs.celeryq.dev/en/stable/userguide/tasks.html#automatic-retry-for-known-exceptions
SILTA_MAIL_MAX_RETRIES = env.int("SILTA_MAIL_MAX_RETRIES", default=10)
SILTA_MAIL_RETRY_BACKOFF = env.int("SILTA_MAIL_RETRY_BACKOFF", default=30)
SILTA_MAIL_RETRY_BACKOFF_MAX = env.int("SILTA_MAIL_RETRY_BACKOFF_MAX", default=30 * 60)
SILTA_MAIL_STALE_AFTER = env.int("SILTA_MAIL_STALE_AFTER", default=SILTA_MAIL_RETRY_BACKOFF_MAX + 10 * 60)
# Notifications (apps/notifications, README "Notifications and reminders"): links in e-mails point to
# SILTA_BASE_URL; a one-click answer in a reminder works for SILTA_ACTION_LINK_DAYS days, once.
SILTA_BASE_URL = env("SILTA_BASE_URL", default="http://localhost:8000")
SILTA_ACTION_LINK_DAYS = env.int("SILTA_ACTION_LINK_DAYS", default=14)
# An open initiative not changed for this many days is "not updated" on its people's home page and reminds its
# contact persons (again after as many more).
SILTA_STALE_AFTER_DAYS = env.int("SILTA_STALE_AFTER_DAYS", default=120)
# Programme leads are reminded of a meeting's agenda this many days before it.
SILTA_MEETING_REMINDER_DAYS = env.int("SILTA_MEETING_REMINDER_DAYS", default=7)
# The reminders and the digest: each job tells each person once per event, however often it runs.
CELERY_BEAT_SCHEDULE["initiatives-reminders"] = {
    "task": "initiatives.reminders_task",
    "schedule": crontab(hour=7, minute=15),
}
CELERY_BEAT_SCHEDULE["programmes-meeting-reminders"] = {
    "task": "programmes.meeting_reminders_task",
    "schedule": crontab(hour=7, minute=30),
}
CELERY_BEAT_SCHEDULE["programmes-decision-reviews"] = {
    "task": "programmes.decision_reviews_task",
    "schedule": crontab(hour=7, minute=35),
}
CELERY_BEAT_SCHEDULE["dashboards-weekly-digest"] = {
    "task": "dashboards.weekly_digest_task",
    "schedule": crontab(hour=7, minute=45),
}
# The city's board report of the month before, mailed as a PDF to managers who subscribe: on the first of the
# month, after the nightly indicator run (indicators-nightly) has computed the last days of that month.
CELERY_BEAT_SCHEDULE["dashboards-monthly-board-report"] = {
    "task": "dashboards.monthly_board_report_task",
    "schedule": crontab(day_of_month=1, hour=6, minute=30),
}
# A board report still queued or being made this many seconds after it was asked for was lost with its worker:
# it is marked failed when asked again, and a new one is made (the task's time limits stay below it).
SILTA_BOARD_REPORT_DEADLINE = env.int("SILTA_BOARD_REPORT_DEADLINE", default=15 * 60)
# Board reports (their PDFs) older than this many days are removed nightly; one asked again is made again. Longer
# than any mail that carries one as an attachment can wait in the queue.
SILTA_BOARD_REPORT_KEEP_DAYS = env.int("SILTA_BOARD_REPORT_KEEP_DAYS", default=90)
CELERY_BEAT_SCHEDULE["dashboards-board-reports-purge"] = {
    "task": "dashboards.board_reports_purge_task",
    "schedule": crontab(hour=3, minute=25),
}
CELERY_BEAT_SCHEDULE["notifications-purge-answers"] = {
    "task": "notifications.action_tokens_purge_task",
    "schedule": crontab(hour=3, minute=10),
}
# Pulse surveys (apps/pulse, README "Pulse surveys"): results are shown only for groups of at least
# SILTA_PULSE_MIN_GROUP respondents; the one reminder goes SILTA_PULSE_REMINDER_DAYS days before a round closes.
SILTA_PULSE_MIN_GROUP = env.int("SILTA_PULSE_MIN_GROUP", default=3)
SILTA_PULSE_REMINDER_DAYS = env.int("SILTA_PULSE_REMINDER_DAYS", default=3)
CELERY_BEAT_SCHEDULE["pulse-reminders"] = {
    "task": "pulse.reminders_task",
    "schedule": crontab(hour=7, minute=50),
}
CELERY_BEAT_SCHEDULE["pulse-close-rounds"] = {
    "task": "pulse.rounds_close_task",
    "schedule": crontab(hour=0, minute=20),
}
CELERY_BEAT_SCHEDULE["mail-stale-sweep"] = {"task": "core.email_send_stale_task", "schedule": timedelta(minutes=10)}
# --- end of mail retries ----------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # Personal API tokens (silta_…, /account/tokens/) and drf_create_token's. Last: it counts the requests
        # no authenticator accepted (no or wrong credentials) by address.
        "apps.accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Counters in Redis ("throttle" cache); 429 with Retry-After past a rate. "anon" is per address and also
    # counts wrong tokens; "accessibility_feedback" is the anonymous feedback form's, per address.
    # https://www.django-rest-framework.org/api-guide/throttling/
    "DEFAULT_THROTTLE_CLASSES": ["apps.core.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("SILTA_API_THROTTLE_USER", default="1000/min"),
        "anon": env("SILTA_API_THROTTLE_ANON", default="30/min"),
        "accessibility_feedback": env("SILTA_FEEDBACK_THROTTLE", default="5/hour"),
        # The public pages, open data and public API (apps/public), per address.
        "public": env("SILTA_PUBLIC_THROTTLE", default="120/min"),
        # Partner sign-ups per address (apps/partners/views.py), in Redis for every worker.
        "partner_signup": env("SILTA_PARTNER_SIGNUP_THROTTLE", default="10/hour"),
    },
    "DEFAULT_FILTER_BACKENDS": ["apps.core.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.filters.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "apps.core.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "apps.core.api.exception_handler",
    # Throttles count per client behind the same proxies as the lock-outs (X-Forwarded-For, right to left).
    # https://www.django-rest-framework.org/api-guide/throttling/#how-clients-are-identified
    "NUM_PROXIES": SILTA_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Silta API",
    "DESCRIPTION": "Cross-sector collaboration: initiatives, programmes, premises and indicators.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "InitiativeStatusEnum": "apps.initiatives.models.Initiative.Status",
        "BookingStatusEnum": "apps.premises.models.Booking.Status",
        # A person's languages and the language of an initiative's text: one list of codes.
        "LanguageEnum": "apps.sectors.models.Language",
        # A partner request's status and a pulse round's state are the same two choices: one name for both.
        "OpenClosedEnum": "apps.partner_requests.models.PartnerRequest.Status",
    },
}

# Refused (403), failed (5xx) and other 4xx answers are logged by django.request, with the user who asked.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_user": {"()": "apps.core.logging.RequestUserFilter"},
        # A 503 for database trouble is one line, not a traceback per request in an outage.
        "database_trouble": {"()": "apps.core.logging.DatabaseTroubleFilter"},
    },
    "formatters": {
        "plain": {
            "()": "logging.Formatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s: %(message)s%(who)s",
            "defaults": {"who": ""},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
        "django.request": {"filters": ["request_user", "database_trouble"]},
    },
}

# `seed_demo` creates logins with known passwords; production turns this off.
DEMO_DATA_ALLOWED = True

# The most rows one download (a list page's CSV or Excel link, an API list's ?format=csv|xlsx) holds; a larger
# search is refused with a message to narrow it. Memory stays flat (CSV streams, workbooks are written row by row
# to a temporary file); the limit keeps a download inside gunicorn's 30 s --timeout (about 1-2 ms a row): raise both.
SILTA_EXPORT_MAX_ROWS = env.int("SILTA_EXPORT_MAX_ROWS", default=10_000)
# Spreadsheet imports (apps/imports, README "Importing"): the largest file accepted (nginx's client_max_body_size
# must allow it too), and how many rows' results and errors a preview keeps to show (the counts are always whole).
SILTA_IMPORT_MAX_BYTES = env.int("SILTA_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
SILTA_IMPORT_PREVIEW_ROWS = env.int("SILTA_IMPORT_PREVIEW_ROWS", default=1000)
SILTA_IMPORT_MAX_ERRORS = env.int("SILTA_IMPORT_MAX_ERRORS", default=1000)
# Uploaded files (an import's spreadsheet) live here until the import is done; web and worker must share it.
# https://docs.djangoproject.com/en/5.2/ref/settings/#media-root
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))

# Personal data (README "Personal data"). Who looked at whose contact details is kept this many days, then
# personal_data_access_purge_task deletes it nightly. Two years by default: long enough to answer a person who asks
# who saw their data (GDPR art. 15) and to follow up misuse, as the Finnish Act on Information Management 906/2019
# § 17 asks of access logs; a city's own retention schedule (arkistonmuodostussuunnitelma) may say otherwise.
SILTA_ACCESS_LOG_RETENTION_DAYS = env.int("SILTA_ACCESS_LOG_RETENTION_DAYS", default=730)
CELERY_BEAT_SCHEDULE["access-log-purge"] = {
    "task": "sectors.personal_data_access_purge_task",
    "schedule": crontab(hour=3, minute=15),
}
# Retention (README "Personal data"), each run nightly by the app that owns the data, after the access-log purge.
# Bookings that ended this many days ago lose their booker, purpose, decline reason and decider, in the history too;
# the indicators keep counting their hours. Two years: long enough to settle a dispute over a booking or its invoice
# and to answer a booker's access request about the last seasons.
SILTA_BOOKING_RETENTION_DAYS = env.int("SILTA_BOOKING_RETENTION_DAYS", default=730)
CELERY_BEAT_SCHEDULE["premises-bookings-anonymise"] = {
    "task": "premises.bookings_anonymise_task",
    "schedule": crontab(hour=3, minute=20),
}
# Notifications (the bell) and the e-mails Silta sent or gave up on are deleted this many days after they were
# written: a year keeps the last reminders and decisions at hand; e-mails still waiting to be sent are kept.
SILTA_NOTIFICATION_RETENTION_DAYS = env.int("SILTA_NOTIFICATION_RETENTION_DAYS", default=365)
CELERY_BEAT_SCHEDULE["notifications-purge"] = {
    "task": "notifications.notifications_purge_task",
    "schedule": crontab(hour=3, minute=25),
}
# django-axes' records of sign-ins (AccessAttempt, AccessLog, AccessFailureLog) are deleted this many days after the
# attempt: three months is enough to look into a password-guessing campaign, far beyond any lock-out
# (SILTA_LOGIN_COOLOFF_MINUTES). The same run clears expired sessions, which Django never removes by itself.
# https://django-axes.readthedocs.io/en/latest/3_usage.html
# https://docs.djangoproject.com/en/5.2/topics/http/sessions/#clearing-the-session-store
SILTA_LOGIN_ATTEMPT_RETENTION_DAYS = env.int("SILTA_LOGIN_ATTEMPT_RETENTION_DAYS", default=90)
CELERY_BEAT_SCHEDULE["accounts-login-attempts-purge"] = {
    "task": "accounts.login_attempts_purge_task",
    "schedule": crontab(hour=3, minute=30),
}
# The privacy notice (/privacy/): the controller of the register and whom to contact, as the city has them.
SILTA_PRIVACY_CONTROLLER = env("SILTA_PRIVACY_CONTROLLER", default="The City (Silta service)")
SILTA_PRIVACY_CONTACT = env("SILTA_PRIVACY_CONTACT", default="privacy@localhost")
SILTA_DATA_PROTECTION_OFFICER = env("SILTA_DATA_PROTECTION_OFFICER", default="dpo@localhost")

# Indicators: which sector is "culture" and which sectors count as residents and civil society.
# Targets (apps/indicators/targets.py, README "Targets"): the line through the last N values decides whether an
# indicator reaches its target by the date; falling short by up to this share of the way to go is "at risk".
SILTA_TARGET_TREND_PERIODS = env.int("SILTA_TARGET_TREND_PERIODS", default=6)
SILTA_TARGET_AT_RISK_SHARE = env.float("SILTA_TARGET_AT_RISK_SHARE", default=0.25)
# The largest document a decision may carry (apps/programmes/services.py: PDF and Office files only).
SILTA_ATTACHMENT_MAX_BYTES = env.int("SILTA_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
SILTA_CULTURE_SECTOR_SLUG = env("SILTA_CULTURE_SECTOR_SLUG", default="culture")
SILTA_CIVIC_SECTOR_SLUGS = env.list("SILTA_CIVIC_SECTOR_SLUGS", default=["civil-society", "residents"])
# https://docs.celeryq.dev/en/stable/userguide/periodic-tasks.html
CELERY_BEAT_SCHEDULE["indicators-nightly"] = {
    "task": "indicators.compute_recent_task",
    "schedule": crontab(hour=2, minute=30),
}
CELERY_BEAT_SCHEDULE["indicators-reaper"] = {
    "task": "indicators.reap_runs_task",
    "schedule": 5 * 60,
}

# Browser features Silta never uses are denied to it and to anything that might get injected into it.
# https://github.com/adamchainz/django-permissions-policy
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Content Security Policy: everything is served by the app itself, nothing may frame it.
# https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The log-out form's answer redirects to the provider's end_session_endpoint (RP-initiated logout), which
# form-action must allow, as browsers check it on a form's redirects too.
if SILTA_OIDC_ISSUER:
    from urllib.parse import urlsplit

    _issuer = urlsplit(SILTA_OIDC_ISSUER)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_issuer.scheme}://{_issuer.netloc}")
