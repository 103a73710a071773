from __future__ import annotations

import math
import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from apps.core import health, personal_data, services
from apps.core.forms import AccessibilityFeedbackForm
from apps.core.throttling import AccessibilityFeedbackThrottle


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 503 when the database is down or the static files are missing (every page
    would answer 500); a broker outage only degrades (pages and bookings keep working)."""
    database = health.database_ok()
    broker = health.broker_ok()
    static = health.static_ok()
    serving = database and static
    status = ("ok" if broker else "degraded") if serving else "down"
    return JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "down",
            "broker": "ok" if broker else "down",
            "static": "ok" if static else "missing",
        },
        status=200 if serving else 503,
    )


# Seconds a client is asked to wait after a 503: the lock or the outage is usually over by then.
DATABASE_RETRY_AFTER = 10


@login_not_required
@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers ask for on every site whatever the page links: to the static icon."""
    return redirect(static("img/favicon.ico"))


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: every uncaught exception of a view or a middleware ends here, after Django has logged it.

    The database's own trouble — a lock or statement time limit (QueryCanceled, LockNotAvailable), a server that
    refuses connections, a connection lost — is a 503 "try again in a moment", not a 500: nothing is broken in
    the app. It is rendered without the request (no context processors), because those read the user and the
    session from the database; under /api/ ApiErrorMiddleware makes it JSON.
    """
    if not isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return defaults.server_error(request)
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


@login_not_required
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement the EU Web Accessibility Directive asks for, with a feedback form."""
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Every message is an e-mail to the city and the form is open to anyone: a few an hour per address.
        throttle = AccessibilityFeedbackThrottle()
        if not throttle.allow_request(request, None):
            return _feedback_throttled(request, form, wait=throttle.wait())
        services.accessibility_feedback_send(
            message=form.cleaned_data["message"],
            reply_to=form.cleaned_data["email"],
            page=request.headers.get("referer", ""),
        )
        messages.success(request, _("Thank you. Your feedback was sent to the accessibility team."))
        return redirect("accessibility")
    return _accessibility_page(request, form)


def _accessibility_page(request: HttpRequest, form: AccessibilityFeedbackForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "feedback_email": settings.SILTA_ACCESSIBILITY_FEEDBACK_EMAIL}
    return render(request, "core/accessibility.html", context, status=status)


def _feedback_throttled(request: HttpRequest, form: AccessibilityFeedbackForm, *, wait: float) -> HttpResponse:
    """The page again, with what was typed and a message above the form: 429, and when to come back."""
    minutes = math.ceil(wait / 60)
    message = ngettext(
        "You have sent several messages in a short time. Please try again in %(minutes)d minute, "
        "or write to us by email.",
        "You have sent several messages in a short time. Please try again in %(minutes)d minutes, "
        "or write to us by email.",
        minutes,
    )
    form.add_error(None, message % {"minutes": minutes})
    response = _accessibility_page(request, form, status=429)
    response["Retry-After"] = str(math.ceil(wait))
    return response


@login_not_required
@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice (tietosuojaseloste): the register's fields from the same registry the code marks."""
    context = {
        "registers": personal_data.notice_registers(),
        "controller": settings.SILTA_PRIVACY_CONTROLLER,
        "contact": settings.SILTA_PRIVACY_CONTACT,
        "dpo": settings.SILTA_DATA_PROTECTION_OFFICER,
    }
    return render(request, "core/privacy.html", context)
