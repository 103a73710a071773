"""The initiatives' part of a person's data (``apps.sectors.person_data``): the initiatives they are a contact
of; erasure waits while they are an ongoing initiative's only contact, and rewrites the texts that name them."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.initiatives.models import Funding, Initiative, Outcome
from apps.sectors.models import Person
from apps.sectors.person_data import Erasure, PersonDataPart, Refusal, Section, merge_counts

# An initiative still under way needs a contact person; a finished one keeps its (pseudonymised) contacts.
ONGOING = (Initiative.Status.IDEA, Initiative.Status.PLANNED, Initiative.Status.ACTIVE)


def initiatives_export(person: Person) -> Iterator[Section]:
    initiatives = person.contact_for_initiatives.select_related("programme").order_by("start_date", "pk")
    yield Section(
        "initiatives",
        gettext_lazy("Initiatives as a contact"),
        [
            ("id", gettext_lazy("id")),
            ("title", gettext_lazy("title")),
            ("status", gettext_lazy("status")),
            ("start_date", gettext_lazy("start date")),
            ("end_date", gettext_lazy("end date")),
            ("programme", gettext_lazy("programme")),
        ],
        [
            [
                initiative.pk,
                initiative.title,
                initiative.get_status_display(),
                initiative.start_date,
                initiative.end_date,
                initiative.programme.name if initiative.programme else None,
            ]
            for initiative in initiatives
        ],
    )


def initiatives_refusals(person: Person) -> Iterator[Refusal]:
    """The ongoing initiatives whose only contact the person is: another contact first."""
    theirs = person.contact_for_initiatives.filter(status__in=ONGOING).values("pk")
    alone = (
        Initiative.objects.filter(pk__in=theirs)
        .annotate(contacts=Count("contact_persons"))
        .filter(contacts=1)
        .order_by("title", "pk")
    )
    for initiative in alone:
        yield Refusal(
            _("They are the only contact person of the initiative “%(title)s”: add another contact person first.")
            % {"title": initiative.title},
            url=reverse("initiatives:edit", args=[initiative.pk]),
            link=_("Edit the initiative “%(title)s”") % {"title": initiative.title},
        )


def initiatives_erase(erasure: Erasure) -> dict[str, int]:
    return merge_counts(
        erasure.scrub_texts(Initiative, "title", "description"),
        erasure.scrub_texts(Funding, "external_source"),
        erasure.scrub_texts(Outcome, "text", "indicator"),
    )


INITIATIVES_PART = PersonDataPart(
    "initiatives", order=30, export=initiatives_export, refusals=initiatives_refusals, erase=initiatives_erase
)
