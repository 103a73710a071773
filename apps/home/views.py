from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.home import selectors


def home(request: HttpRequest) -> HttpResponse:
    """One page per person, sections by role; a user without a unit or role is also told whom to ask."""
    context = {"page": selectors.home_page(request.user), "access_contact": access_contact()}
    return render(request, "home/home.html", context)


def access_contact() -> str:
    """Whom to ask for a unit or a role: SILTA_ACCESS_CONTACT, else the first administrator's e-mail, if any."""
    return settings.SILTA_ACCESS_CONTACT or next((email for _name, email in settings.ADMINS), "")
