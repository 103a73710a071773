"""Demo premises: culture venues and spaces open to every sector (a few opened to associations, partners or
residents), a year of bookings, some recurring series.

Idempotent and fast: venues and spaces are keyed by their English name (apps.core.demo), bookings lie on a fixed
grid of daily slots chosen by a hash of (space, date, slot), so a rerun proposes the same slots and skips those
already stored.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from apps.core.demo import Names, named, translations, write_names
from apps.core.timezones import aware
from apps.initiatives.permissions import linkable_initiatives
from apps.premises.models import (
    Booking,
    BookingSeries,
    ExternalBookers,
    OpeningException,
    OpeningHours,
    Recurrence,
    Space,
    Venue,
)
from apps.sectors.models import Sector, Unit

# name, address, step-free access, accessibility notes
VENUES = [
    ("Cultural Centre Stoa", "Turunlinnantie 1, Helsinki", True, "Lift to every floor; hearing loop in the hall."),
    ("City Library Main Branch", "Töölönlahdenkatu 4, Helsinki", True, "Step-free; accessible toilets on each floor."),
    ("City Museum", "Aleksanterinkatu 16, Helsinki", False, "Workshop room in the basement: stairs only."),
    ("Music Institute House", "Fredrikinkatu 64, Helsinki", True, "Ramp at the courtyard door."),
    ("Youth House Kipinä", "Kipinätie 2, Helsinki", True, ""),
]
# venue, space, capacity, equipment, owner unit, approval required, buffer minutes, late nights, allowed sectors
SPACES = [
    (
        "Cultural Centre Stoa",
        "Main hall",
        250,
        ["stage", "stage_lights", "sound", "microphones", "piano"],
        "Cultural Centre Stoa",
        True,
        60,
        True,
        [],
    ),
    (
        "Cultural Centre Stoa",
        "Black box",
        80,
        ["stage_lights", "sound", "dance_floor"],
        "Cultural Centre Stoa",
        True,
        30,
        True,
        [],
    ),
    ("Cultural Centre Stoa", "Dance studio", 30, ["dance_floor", "sound"], "Cultural Centre Stoa", True, 15, False, []),
    (
        "Cultural Centre Stoa",
        "Meeting room Aalto",
        14,
        ["projector", "screen", "whiteboard", "video_conference"],
        "Cultural Centre Stoa",
        False,
        0,
        False,
        [],
    ),
    (
        "Cultural Centre Stoa",
        "Workshop",
        20,
        ["workshop_tools", "kitchen"],
        "Cultural Centre Stoa",
        True,
        30,
        False,
        [],
    ),
    ("Cultural Centre Stoa", "Gallery", 60, ["sound"], "Cultural Centre Stoa", True, 30, False, []),
    (
        "City Library Main Branch",
        "Event stage",
        120,
        ["stage", "sound", "microphones", "projector", "hearing_loop"],
        "City Library",
        True,
        30,
        False,
        [],
    ),
    ("City Library Main Branch", "Group room 1", 8, ["screen", "whiteboard"], "City Library", False, 0, False, []),
    (
        "City Library Main Branch",
        "Group room 2",
        12,
        ["screen", "whiteboard", "video_conference"],
        "City Library",
        False,
        0,
        False,
        [],
    ),
    ("City Library Main Branch", "Kitchen studio", 16, ["kitchen"], "City Library", True, 30, False, []),
    (
        "City Museum",
        "Auditorium",
        90,
        ["projector", "screen", "sound", "microphones", "hearing_loop"],
        "City Museum",
        True,
        30,
        False,
        [],
    ),
    (
        "City Museum",
        "Workshop room",
        25,
        ["workshop_tools", "whiteboard"],
        "City Museum",
        True,
        15,
        False,
        ["culture", "education", "civil-society"],
    ),
    (
        "Music Institute House",
        "Concert hall",
        180,
        ["stage", "piano", "sound", "stage_lights"],
        "Music Institute",
        True,
        60,
        True,
        [],
    ),
    ("Music Institute House", "Rehearsal room", 15, ["piano", "sound"], "Music Institute", False, 15, False, []),
    ("Music Institute House", "Band room", 10, ["sound", "microphones"], "Music Institute", False, 15, True, []),
    ("Youth House Kipinä", "Hall", 100, ["sound", "stage", "kitchen"], "Youth Services", True, 30, True, []),
    ("Youth House Kipinä", "Club room", 25, ["screen", "kitchen"], "Youth Services", False, 0, False, []),
]
# Venue and space names in Finnish, Swedish and English; the tables above and below key a row by its English name.
VENUE_NAMES: dict[str, Names] = {
    "Cultural Centre Stoa": Names("Kulttuurikeskus Stoa", "Kulturcentret Stoa", "Cultural Centre Stoa"),
    "City Library Main Branch": Names(
        "Kaupunginkirjaston pääkirjasto", "Stadsbibliotekets huvudbibliotek", "City Library Main Branch"
    ),
    "City Museum": Names("Kaupunginmuseo", "Stadsmuseet", "City Museum"),
    "Music Institute House": Names("Musiikkiopiston talo", "Musikinstitutets hus", "Music Institute House"),
    "Youth House Kipinä": Names("Nuorisotalo Kipinä", "Ungdomsgården Kipinä", "Youth House Kipinä"),
}
# space: (name, description)
SPACE_NAMES: dict[str, tuple[Names, Names]] = {
    "Main hall": (
        Names("Iso sali", "Stora salen", "Main hall"),
        Names(
            "Juhlien, konserttien ja esitysten sali.",
            "Salen för fester, konserter och föreställningar.",
            "The hall for celebrations, concerts and performances.",
        ),
    ),
    "Black box": (
        Names("Musta laatikko", "Svarta lådan", "Black box"),
        Names("Muunneltava teatteritila.", "Ett flexibelt teaterrum.", "A flexible theatre space."),
    ),
    "Dance studio": (
        Names("Tanssisali", "Danssalen", "Dance studio"),
        Names(
            "Peilit, tanssimatto ja äänentoisto.",
            "Speglar, dansmatta och ljudanläggning.",
            "Mirrors, dance floor and sound system.",
        ),
    ),
    "Meeting room Aalto": (
        Names("Kokoushuone Aalto", "Mötesrummet Aalto", "Meeting room Aalto"),
        Names("Kokouksiin ja etäyhteyksiin.", "För möten och distansmöten.", "For meetings and video calls."),
    ),
    "Workshop": (
        Names("Työpaja", "Verkstaden", "Workshop"),
        Names("Askarteluun ja ruoanlaittoon.", "För pyssel och matlagning.", "For crafts and cooking."),
    ),
    "Gallery": (
        Names("Galleria", "Galleriet", "Gallery"),
        Names(
            "Näyttelyihin ja pieniin tilaisuuksiin.",
            "För utställningar och små evenemang.",
            "For exhibitions and small events.",
        ),
    ),
    "Event stage": (
        Names("Tapahtumalava", "Evenemangsscenen", "Event stage"),
        Names("Lava kirjaston aulassa.", "En scen i bibliotekets foajé.", "A stage in the library's lobby."),
    ),
    "Group room 1": (
        Names("Ryhmätila 1", "Grupprum 1", "Group room 1"),
        Names("Pienille ryhmille.", "För små grupper.", "For small groups."),
    ),
    "Group room 2": (
        Names("Ryhmätila 2", "Grupprum 2", "Group room 2"),
        Names("Ryhmille ja etäkokouksiin.", "För grupper och distansmöten.", "For groups and video meetings."),
    ),
    "Kitchen studio": (
        Names("Keittiöstudio", "Köksstudion", "Kitchen studio"),
        Names("Opetuskeittiö kursseille.", "Ett undervisningskök för kurser.", "A teaching kitchen for courses."),
    ),
    "Auditorium": (
        Names("Auditorio", "Auditoriet", "Auditorium"),
        Names("Luennoille ja esityksille.", "För föreläsningar och presentationer.", "For lectures and presentations."),
    ),
    "Workshop room": (
        Names("Työpajatila", "Verkstadsrummet", "Workshop room"),
        Names("Museopedagogiikan työpaja.", "Museipedagogikens verkstad.", "The museum education workshop."),
    ),
    "Concert hall": (
        Names("Konserttisali", "Konsertsalen", "Concert hall"),
        Names("Akustinen sali ja flyygeli.", "En akustisk sal med flygel.", "An acoustic hall with a grand piano."),
    ),
    "Rehearsal room": (
        Names("Harjoitushuone", "Övningsrummet", "Rehearsal room"),
        Names("Pianolla varustettu harjoitustila.", "Ett övningsrum med piano.", "A practice room with a piano."),
    ),
    "Band room": (
        Names("Bänditila", "Bandrummet", "Band room"),
        Names("Bändien harjoitustila.", "Ett övningsrum för band.", "A rehearsal room for bands."),
    ),
    "Hall": (
        Names("Sali", "Salen", "Hall"),
        Names(
            "Nuorten tapahtumiin ja keikkoihin.", "För ungdomsevenemang och spelningar.", "For youth events and gigs."
        ),
    ),
    "Club room": (
        Names("Kerhohuone", "Klubbrummet", "Club room"),
        Names("Kerhoille ja pelti-illoille.", "För klubbar och spelkvällar.", "For clubs and game nights."),
    ),
}
PUBLIC_HOLIDAY = Names("Juhlapyhä", "Helgdag", "Public holiday")
# Non-overlapping daily slots; the gaps are at least the largest buffer.
DAY_SLOTS = [(time(9), time(11)), (time(12), time(14)), (time(15), time(17)), (time(18), time(20))]
WEEKEND_SLOTS = DAY_SLOTS[1:3]
SERIES_SLOT = (time(20, 30), time(21, 30))  # kept clear of the day slots
BOOKING_CHANCE = 0.09
WEEKS_BACK, WEEKS_AHEAD = 26, 26
HOLIDAYS = [(1, 1), (1, 6), (5, 1), (12, 6), (12, 24), (12, 25), (12, 26), (12, 31)]
# Demo bookers from many sectors (no password: they exist to give the bookings owners).
BOOKER_UNITS = [
    "Basic Education",
    "Early Childhood Education",
    "Adult Education Centre",
    "Family Services",
    "Elderly Services",
    "Mental Health Services",
    "Health Promotion",
    "City Planning",
    "Parks and Green Areas",
    "Sports Services",
    "Youth Services",
    "Outreach Youth Work",
    "Employment Services",
    "Business Development",
    "Culture Services",
    "City Library",
]
PURPOSES = [
    "Parents' evening",
    "Residents' workshop",
    "Senior choir",
    "Youth band rehearsal",
    "Art therapy group",
    "Planning workshop: park renewal",
    "Language café",
    "Employment fair",
    "Wellbeing lecture",
    "Reading circle",
    "Staff training",
    "Dance for seniors",
    "School concert",
    "Networking meeting",
    "Theatre workshop",
]
# space, booker unit, weekday, recurrence, purpose
SERIES = [
    ("Dance studio", "Elderly Services", 1, Recurrence.WEEKLY, "Dance for seniors (weekly)"),
    ("Rehearsal room", "Basic Education", 2, Recurrence.WEEKLY, "School choir rehearsals"),
    ("Group room 2", "Mental Health Services", 3, Recurrence.BIWEEKLY, "Peer support group"),
    ("Club room", "Outreach Youth Work", 0, Recurrence.WEEKLY, "Youth gaming evening"),
    ("Workshop", "Family Services", 4, Recurrence.BIWEEKLY, "Family crafts evening"),
    ("Auditorium", "City Planning", 1, Recurrence.BIWEEKLY, "Residents' planning forum"),
]

# Opened premises (docs/premises.md): who besides the city's sectors may book, the terms of use and the price.
OPENED = {
    "Dance studio": (
        [ExternalBookers.ASSOCIATIONS, ExternalBookers.RESIDENTS],
        "Leave the studio as you found it. No street shoes on the dance floor. The booker is responsible for the "
        "group and for any damage.",
        True,
        "",
    ),
    "Workshop room": (
        [ExternalBookers.PARTNERS],
        "Tools are used under the supervision of an adult who knows them. Clean the room and return the tools.",
        False,
        "Associations free of charge; companies 25 € an hour.",
    ),
    "Meeting room Aalto": ([ExternalBookers.ASSOCIATIONS], "", True, ""),
}


def seed(rng: random.Random) -> None:
    """Venues, spaces, hours, closures, demo bookers, series and a year of single bookings (reruns add nothing)."""
    venues = {
        name: _seed_venue(VENUE_NAMES[name], address=address, step_free_access=step_free, accessibility_notes=notes)
        for name, address, step_free, notes in VENUES
    }
    spaces = [_seed_space(venues, row) for row in SPACES]
    bookers = _seed_bookers()
    anchor = _monday(timezone.localdate()) - timedelta(weeks=WEEKS_BACK)
    days = [anchor + timedelta(days=offset) for offset in range((WEEKS_BACK + WEEKS_AHEAD) * 7)]
    _seed_closures(spaces, days)
    # A booking counts for an initiative only if its booker works on it (as booking_create insists).
    initiatives = {
        booker.pk: list(linkable_initiatives(booker).order_by("pk").values_list("pk", flat=True)[:50])
        for booker in bookers
    }
    _seed_series(spaces, bookers, anchor)
    _seed_bookings(spaces, bookers, days, initiatives)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _seed_venue(names: Names, **fields: object) -> Venue:
    venue = Venue.objects.filter(named(names)).first()
    if venue is None:
        return Venue.objects.create(**translations(names), **fields)
    write_names(venue, ("name", names))
    return venue


def _seed_space(venues: dict[str, Venue], row: tuple) -> Space:
    venue_name, name, capacity, equipment, owner, approval, buffer, late, sectors = row
    names, description = SPACE_NAMES[name]
    space = Space.objects.filter(named(names), venue=venues[venue_name]).first()
    created = space is None
    if space is None:
        space = Space.objects.create(
            venue=venues[venue_name],
            **translations(names),
            **translations(description, "description"),
            capacity=capacity,
            equipment=equipment,
            owner_unit=Unit.objects.get(name_en=owner),
            approval_required=approval,
            buffer=timedelta(minutes=buffer),
            max_duration=timedelta(hours=12),
            cancellation_deadline=timedelta(hours=48 if approval else 4),
            weekly_quota_hours=10 if capacity < 20 else None,
        )
    else:
        write_names(space, ("name", names), ("description", description))
    if name in OPENED:
        open_to, terms, free, price = OPENED[name]
        Space.objects.filter(pk=space.pk).update(
            open_to=open_to, terms_of_use=terms, free_of_charge=free, price_text=price
        )
        space.open_to, space.terms_of_use, space.free_of_charge, space.price_text = open_to, terms, free, price
    if created:
        space.allowed_sectors.set(Sector.objects.filter(slug__in=sectors))
        hours = [OpeningHours(space=space, weekday=day, opens=time(8), closes=time(22)) for day in range(5)]
        hours += [OpeningHours(space=space, weekday=day, opens=time(10), closes=time(18)) for day in (5, 6)]
        if late:  # Friday and Saturday nights run past midnight
            hours = [h for h in hours if h.weekday not in (4, 5)]
            hours += [OpeningHours(space=space, weekday=4, opens=time(8), closes=time(2))]
            hours += [OpeningHours(space=space, weekday=5, opens=time(10), closes=time(2))]
        OpeningHours.objects.bulk_create(hours)
    return space


def _seed_bookers() -> list[User]:
    bookers = []
    for unit in Unit.objects.filter(name_en__in=BOOKER_UNITS).select_related("sector").order_by("name_en"):
        username = f"booker-{unit.pk}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": "Demo",
                "last_name": unit.name_fi,
                "email": f"{username}@example.org",
                "home_unit": unit,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            role_grant(by=None, user=user, role=Role.OFFICIAL)
        bookers.append(user)
    return bookers + list(User.objects.filter(username__in=["lead", "official"]).order_by("username"))


def _seed_closures(spaces: list[Space], days: list[date]) -> None:
    holidays = [day for day in days if (day.month, day.day) in HOLIDAYS]
    closures = OpeningException.objects.filter(space__in=spaces)
    untranslated = closures.filter(named(PUBLIC_HOLIDAY, "reason")).exclude(**translations(PUBLIC_HOLIDAY, "reason"))
    for closure in untranslated:  # seeded before the demo had Finnish and Swedish
        write_names(closure, ("reason", PUBLIC_HOLIDAY))
    existing = set(closures.values_list("space_id", "date"))
    OpeningException.objects.bulk_create(
        OpeningException(space=space, date=day, **translations(PUBLIC_HOLIDAY, "reason"))
        for space in spaces
        for day in holidays
        if (space.pk, day) not in existing
    )


def _booking(space: Space, booker: User, start: datetime, end: datetime, **fields: object) -> Booking:
    return Booking(
        space=space,
        booker=booker,
        booker_sector_id=booker.home_unit.sector_id if booker.home_unit_id else None,
        period=DateTimeTZRange(start, end),
        held_period=DateTimeTZRange(start, end + space.buffer),
        **fields,
    )


def _seed_series(spaces: list[Space], bookers: list[User], anchor: date) -> None:
    by_name = {space.name_en: space for space in spaces}
    by_unit = {booker.home_unit.name_en: booker for booker in bookers if booker.home_unit}
    first_monday = anchor + timedelta(weeks=WEEKS_BACK - 12)
    for space_name, unit_name, weekday, recurrence, purpose in SERIES:
        space, booker = by_name[space_name], by_unit[unit_name]
        first_day = first_monday + timedelta(days=weekday)
        start, end = (
            aware(first_day, SERIES_SLOT[0], shift_skipped=True),
            aware(first_day, SERIES_SLOT[1], shift_skipped=True),
        )
        series, created = BookingSeries.objects.get_or_create(
            space=space,
            booker=booker,
            purpose=purpose,
            defaults={
                "recurrence": recurrence,
                "first_period": DateTimeTZRange(start, end),
                "until": first_day + timedelta(weeks=26),
                "attendees": min(space.capacity, 12),
            },
        )
        if not created:
            continue
        step = 1 if recurrence == Recurrence.WEEKLY else 2
        today = timezone.localdate()
        occurrences = []
        for week in range(0, 27, step):
            day = first_day + timedelta(weeks=week)
            if (day.month, day.day) in HOLIDAYS:
                continue
            # Past occurrences were approved; future ones of approval spaces wait in the managers' queue.
            waiting = space.approval_required and day > today
            occurrences.append(
                _booking(
                    space,
                    booker,
                    aware(day, SERIES_SLOT[0], shift_skipped=True),
                    aware(day, SERIES_SLOT[1], shift_skipped=True),
                    series=series,
                    purpose=purpose,
                    attendees=series.attendees,
                    status=Booking.Status.REQUESTED if waiting else Booking.Status.CONFIRMED,
                )
            )
        bulk_create_with_history(occurrences, Booking, batch_size=500)


def _seed_bookings(
    spaces: list[Space], bookers: list[User], days: list[date], initiatives: dict[int, list[int]]
) -> None:
    today = timezone.localdate()
    taken = set(Booking.objects.filter(space__in=spaces).values_list("space_id", "period"))
    bookings = []
    for space in spaces:
        allowed = {sector.pk for sector in space.allowed_sectors.all()}
        eligible = [b for b in bookers if not allowed or (b.home_unit and b.home_unit.sector_id in allowed)]
        for day in days:
            slots = WEEKEND_SLOTS if day.weekday() >= 5 else DAY_SLOTS
            if (day.month, day.day) in HOLIDAYS:
                continue
            for number, (opens, closes) in enumerate(slots):
                # Seeded by the slot itself, so the same slot gets the same answer on every run.
                chance = random.Random(f"{space.venue.name_en}|{space.name_en}|{day.isoformat()}|{number}")
                if chance.random() >= BOOKING_CHANCE:
                    continue
                start, end = aware(day, opens, shift_skipped=True), aware(day, closes, shift_skipped=True)
                if (space.pk, DateTimeTZRange(start, end)) in taken:
                    continue
                status = Booking.Status.CONFIRMED
                if day > today and space.approval_required and chance.random() < 0.3:
                    status = Booking.Status.REQUESTED
                elif chance.random() < 0.06:
                    status = Booking.Status.CANCELLED
                booker = chance.choice(eligible)
                theirs = initiatives[booker.pk]
                bookings.append(
                    _booking(
                        space,
                        booker,
                        start,
                        end,
                        purpose=chance.choice(PURPOSES),
                        attendees=chance.randint(1, space.capacity),
                        status=status,
                        initiative_id=chance.choice(theirs) if theirs and chance.random() < 0.25 else None,
                    )
                )
    bulk_create_with_history(bookings, Booking, batch_size=500)
