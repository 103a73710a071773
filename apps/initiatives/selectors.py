"""Reads of initiatives: the list (a constant number of queries however many rows), the detail and its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, router
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.history import HISTORY_LIMIT, HistoryEntry, history_entries
from apps.core.search import MAX_WORDS, TOO_MANY_WORDS, SearchTooLong, StoredColumn, full_text_query, search_words
from apps.core.translated import translated_sql
from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme
from apps.sectors.models import Person
from apps.strategy.models import StrategyGoal

if TYPE_CHECKING:
    from apps.accounts.models import User


def contacts_of_units_initiatives(user: Any) -> Q:
    """On Person: the contacts of initiatives ``user``'s home unit takes part in (a hook of the directory's
    visibility, apps.sectors.selectors.visible_persons); one subquery, no query of its own."""
    if getattr(user, "home_unit_id", None) is None:
        return Q(pk__in=[])
    contacts = Initiative.contact_persons.through.objects.filter(
        initiative__participations__unit_id=user.home_unit_id
    ).values("person_id")
    return Q(pk__in=contacts)


def _funding_sum(column: str) -> Coalesce:
    total = (
        Funding.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(total=Sum(column))
        .values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    return Coalesce(Subquery(total, output_field=money), Value(Decimal(0)), output_field=money)


def initiative_list() -> QuerySet[Initiative]:
    """Initiatives with everything a list row or an API item shows, fetched in a fixed number of queries."""
    return (
        Initiative.objects.select_related("programme")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("unit__sector")),
            "themes",
            "strategy_goals",
            "contact_persons",
        )
        .annotate(total_allocated=_funding_sum("allocated"), total_spent=_funding_sum("spent"))
    )


def initiative_items() -> QuerySet[Initiative]:
    """Initiatives as the API shows them, and no more: the ids of their goals, themes and contacts, their
    participations with the unit's and its sector's ids, and the money sums. Each related row is a model instance
    made in Python; the names the list page and the downloads show (``initiative_list``) would double that."""
    return Initiative.objects.prefetch_related(
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("unit").only(
                "initiative_id", "unit_id", "role", "joined_on", "unit__sector_id"
            ),
        ),
        Prefetch("themes", queryset=Theme.objects.only("pk")),
        Prefetch("strategy_goals", queryset=StrategyGoal.objects.only("pk")),
        Prefetch("contact_persons", queryset=Person.objects.only("pk")),
    ).annotate(total_allocated=_funding_sum("allocated"), total_spent=_funding_sum("spent"))


@dataclass(frozen=True)
class TakingPart:
    """A unit in a row of the initiative list: its name, its sector's and its role (in the active language)."""

    unit: str
    sector: str
    role: str


@dataclass(frozen=True)
class InitiativeRow:
    """What a row of the initiative list shows, read as plain values: the model instances of a page (25 initiatives
    with their units, sectors, themes and programme, some 200 objects) were most of the page's time."""

    pk: int
    title: str
    status: str
    status_label: str
    collaboration_form_label: str
    start_date: date
    end_date: date | None
    programme_id: int | None
    programme_name: str | None
    total_allocated: Decimal
    themes: list[str]
    taking_part: list[TakingPart]


def initiative_list_rows(keys: list[int]) -> list[InitiativeRow]:
    """The list rows of the initiatives ``keys``, in that order, in one statement (units by the order they joined,
    themes by name)."""
    if not keys:
        return []
    statement = f"""
        SELECT i.id, i.title, i.status, i.collaboration_form, i.start_date, i.end_date, i.programme_id,
               {translated_sql("p", "name")},
               COALESCE((SELECT SUM(f.allocated) FROM initiatives_funding f WHERE f.initiative_id = i.id), 0),
               ARRAY(SELECT {translated_sql("t", "name")} FROM initiatives_initiative_themes it
                     JOIN initiatives_theme t ON t.id = it.theme_id
                     WHERE it.initiative_id = i.id ORDER BY 1),
               ARRAY(SELECT json_build_array({translated_sql("u", "name")}, {translated_sql("s", "name")}, pa.role)
                     FROM initiatives_participation pa
                     JOIN sectors_unit u ON u.id = pa.unit_id JOIN sectors_sector s ON s.id = u.sector_id
                     WHERE pa.initiative_id = i.id ORDER BY pa.joined_on, pa.id)
        FROM initiatives_initiative i LEFT JOIN programmes_programme p ON p.id = i.programme_id
        WHERE i.id = ANY(%s)
    """
    with connections[router.db_for_read(Initiative)].cursor() as cursor:
        cursor.execute(statement, [keys])
        found = {row[0]: row for row in cursor.fetchall()}
    statuses, forms = dict(Initiative.Status.choices), dict(Initiative.CollaborationForm.choices)
    roles = dict(Participation.Role.choices)
    rows = []
    for key in keys:
        if key not in found:  # gone between the two reads
            continue
        pk, title, status, form, start, end, programme_id, programme, allocated, themes, taking_part = found[key]
        rows.append(
            InitiativeRow(
                pk=pk,
                title=title,
                status=status,
                status_label=str(statuses.get(status, status)),
                collaboration_form_label=str(forms.get(form, form)),
                start_date=start,
                end_date=end,
                programme_id=programme_id,
                programme_name=programme,
                total_allocated=allocated,
                themes=themes,
                taking_part=[
                    TakingPart(unit, sector, str(roles.get(role, role))) for unit, sector, role in taking_part
                ],
            )
        )
    return rows


def initiative_search(initiatives: QuerySet[Initiative], *, text: str) -> QuerySet[Initiative]:
    """Keep initiatives whose title, description, units or themes have every word of ``text`` (as a prefix of a
    word or of its stem: apps.core.search.full_text_query), read from the stored document through its GIN index.

    The order stays the list's (latest start first, or the one asked for): a page of a search is a page of the list,
    and ranking would read and sort every match's document to show 25 of them."""
    if len(search_words(text)) > MAX_WORDS:
        raise SearchTooLong(str(TOO_MANY_WORDS % {"limit": MAX_WORDS}))
    query = full_text_query(text)
    if query is None:
        return initiatives
    return initiatives.alias(search_document=StoredColumn("search", SearchVectorField())).filter(search_document=query)


def initiative_detail() -> QuerySet[Initiative]:
    """One initiative with its rows; use as ``get_object_or_404(initiative_detail(), pk=...)``."""
    return initiative_list().prefetch_related(
        Prefetch("fundings", queryset=Funding.objects.select_related("source_unit")),
        Prefetch("outcomes", queryset=Outcome.objects.all()),
        "contact_persons__unit",
        "strategy_goals",
    )


def goal_initiatives(goal: StrategyGoal) -> QuerySet[Initiative]:
    """The initiatives linked to a strategy goal, for its page: newest first, with the sectors taking part."""
    return (
        goal.initiatives.select_related("programme")
        .prefetch_related(Prefetch("participations", queryset=Participation.objects.select_related("unit__sector")))
        .order_by("-start_date", "pk")
    )


def initiative_history(initiative: Initiative, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The change history of an initiative and its participations, funding and outcomes, newest first."""
    return history_entries(
        [
            initiative.history.select_related("programme"),
            Participation.history.filter(initiative_id=initiative.pk).select_related("unit"),
            Funding.history.filter(initiative_id=initiative.pk).select_related("source_unit"),
            Outcome.history.filter(initiative_id=initiative.pk),
        ],
        limit=limit,
    )


# What an initiative lacks, in the order a person is asked to fix it; each links to the place where it is fixed.
Status = Initiative.Status
OUTCOME_EXPECTED = (Status.ACTIVE, Status.COMPLETED)  # an idea or a plan has no results yet
UPDATES_EXPECTED = (Status.IDEA, Status.PLANNED, Status.ACTIVE)  # a closed one is not stale
MY_INITIATIVES_LIMIT = 10


@dataclass(frozen=True)
class Gap:
    """One thing an initiative lacks: ``code`` for tests and styles, the message, and where it is fixed."""

    code: str
    message: str
    url: str


def _count(queryset: QuerySet, column: str, *, distinct: bool = False) -> Coalesce:
    counted = queryset.order_by().values("initiative_id").annotate(n=Count(column, distinct=distinct)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_gap_counts(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """``initiatives`` with what :func:`initiative_gaps` reads, as columns of the same query."""
    contacts = Initiative.contact_persons.through.objects.filter(initiative_id=OuterRef("pk"))
    participations = Participation.objects.filter(initiative_id=OuterRef("pk"))
    return initiatives.annotate(
        has_outcome=Exists(Outcome.objects.filter(initiative_id=OuterRef("pk"))),
        contact_count=_count(contacts, "person_id"),
        sector_count=_count(participations, "unit__sector_id", distinct=True),
    )


def initiative_gaps(initiative: Initiative, *, today: date | None = None) -> list[Gap]:
    """What ``initiative`` lacks: no outcome recorded, not updated for ``SILTA_STALE_AFTER_DAYS``, one contact person
    or none, no partner from another sector. Reads the counts of :func:`with_gap_counts` when the row has them,
    else the prefetched rows of :func:`initiative_detail`."""
    today = today or timezone.localdate()
    if hasattr(initiative, "has_outcome"):
        has_outcome, contacts, sectors = initiative.has_outcome, initiative.contact_count, initiative.sector_count
    else:
        has_outcome = bool(initiative.outcomes.all())
        contacts = len(initiative.contact_persons.all())
        sectors = len(initiative.sector_names)
    edit = reverse("initiatives:edit", args=[initiative.pk])
    gaps = []
    if initiative.status in OUTCOME_EXPECTED and not has_outcome:
        gaps.append(Gap("no_outcome", _("No outcome recorded yet."), f"{edit}#rows-outcomes"))
    stale_after = timedelta(days=settings.SILTA_STALE_AFTER_DAYS)
    if initiative.status in UPDATES_EXPECTED and timezone.localdate(initiative.updated_at) <= today - stale_after:
        months = (today - timezone.localdate(initiative.updated_at)).days // 30
        message = ngettext("Not updated for %(months)d month.", "Not updated for %(months)d months.", months)
        gaps.append(Gap("stale", message % {"months": months}, reverse("initiatives:detail", args=[initiative.pk])))
    if contacts == 0:
        gaps.append(Gap("no_contact", _("No contact person."), f"{edit}#id_contact_persons"))
    elif contacts == 1:
        gaps.append(Gap("one_contact", _("Only one contact person."), f"{edit}#id_contact_persons"))
    if sectors < 2:
        gaps.append(Gap("one_sector", _("No partner from another sector yet."), f"{edit}#id_units"))
    return gaps


def my_initiatives(user: User, *, limit: int = MY_INITIATIVES_LIMIT) -> list[Initiative]:
    """The initiatives a user created or is a contact person of (not discontinued), most recently changed first,
    each with its ``gaps``: one query whatever their number."""
    mine = Initiative.objects.filter(Q(created_by=user) | Q(contact_persons__user=user)).values("pk")
    initiatives = with_gap_counts(
        Initiative.objects.filter(pk__in=mine).exclude(status=Status.DISCONTINUED).order_by("-updated_at", "pk")
    )[:limit]
    today = timezone.localdate()
    found = list(initiatives)
    for initiative in found:
        initiative.gaps = initiative_gaps(initiative, today=today)
    return found
