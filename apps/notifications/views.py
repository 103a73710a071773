"""Pages of notifications: the list behind the bell, the settings, and the two pages a mail's links open without
a login (switch a kind off, a one-click answer). Each of those shows a confirmation on GET and changes on POST."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.exceptions import ApplicationError
from apps.core.pages import form_write
from apps.notifications import kinds, selectors, services
from apps.notifications.forms import NotificationSettingsForm
from apps.notifications.models import Notification

PAGE_SIZE = 25


def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page, "notifications": page.object_list})


@require_POST
def notification_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Mark one notification read (``pk``) or all of them."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user) if pk else None
    services.notification_mark_read(by=request.user, notification=notification)
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    form = NotificationSettingsForm(request.POST or None, choices=selectors.notification_choices_for(request.user))
    if request.method == "POST" and form.is_valid():

        def save() -> bool:
            for choice in form.choices:
                code = choice.kind.code
                services.notification_setting_set(
                    by=request.user,
                    user=request.user,
                    kind=code,
                    channel=form.cleaned_data[f"channel_{code}"],
                    weekday=form.cleaned_data.get(f"weekday_{code}"),
                )
            return True

        if form_write(form, save):
            messages.success(request, _("Your notification settings were saved."))
            return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form}, status=400 if form.errors else 200)


def _refused(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return render(request, "notifications/link_refused.html", {"message": exc.message}, status=exc.status_code)


@csrf_exempt  # a mail program's one-click unsubscribe POSTs without a form (RFC 8058); the signed link is the proof
@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, signed: str) -> HttpResponse:
    """A mail's "switch this kind off" link: asks on GET, switches off on POST."""
    try:
        if request.method == "POST":
            kind = services.notification_unsubscribe(signed=signed)
            return render(request, "notifications/unsubscribed.html", {"kind": kind})
        user, kind = selectors.unsubscribe_check(signed)
    except ApplicationError as exc:
        return _refused(request, exc)
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "person": user})


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, signed: str) -> HttpResponse:
    """A one-click answer: GET shows what it will do, POST does it as the person the mail went to and takes
    them to what it changed."""
    try:
        if request.method == "POST":
            next_url = services.action_token_use(signed=signed, by=request.user)
            messages.success(request, _("Thank you: your answer was saved."))
            return redirect(next_url)
        token = selectors.action_token_check(signed, by=request.user)
    except ApplicationError as exc:
        return _refused(request, exc)
    answer = kinds.action(token.action)
    subject = token.subject
    return render(
        request,
        "notifications/action.html",
        {"answer": answer, "question": answer.question % {"subject": subject}, "subject": subject, "token": token},
    )
