"""Demo free advice (DESIGN.md §6): courses (one in English) with sessions in the coming
weeks at two partner hubs, one nearly full, an outreach event, and weekly counselling times
for ``demo-advisor``. Created once; a second run changes nothing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from advisory.constants import Audience, HubKind, OfferingKind, Topic
from advisory.models import Course, PartnerHub, Session, WeeklyAvailability
from advisory.services import availability_add, registration_create

HUBS = {
    "university": (
        "Universitetets Innovationshub",
        "Nørre Allé 7, 2200 København N",
        HubKind.UNIVERSITY,
    ),
    "coworking": ("Coworking Nørrebro", "Guldbergsgade 29, 2200 København N", HubKind.COWORKING),
}

COURSES = [
    {
        "key": "start",
        "kind": OfferingKind.COURSE,
        "title_da": "Start og drift af egen virksomhed",
        "title_en": "Starting and running your own business",
        "description_da": (
            "Fra idé til CVR-nummer: virksomhedsform, registrering, moms, regnskab og de "
            "tilladelser, en ny virksomhed i København typisk skal have."
        ),
        "description_en": (
            "From idea to CVR number: company form, registration, VAT, accounts and the "
            "permits a new business in Copenhagen usually needs."
        ),
        "keywords_da": "starte virksomhed, iværksætter, registrere virksomhed, cvr, moms",
        "keywords_en": "start a business, startup, register a company, cvr, vat",
        "topic": Topic.STARTING,
        "audience": Audience.FOUNDERS,
        "language": "da",
    },
    {
        "key": "start_en",
        "kind": OfferingKind.COURSE,
        "title_da": "Start en virksomhed i Danmark (på engelsk)",
        "title_en": "Starting a business in Denmark",
        "description_da": (
            "Kurset på engelsk for internationale iværksættere: registrering, skat, bankkonto"
            " og tilladelser."
        ),
        "description_en": (
            "For international founders: registering a company, tax, a bank account and the "
            "permits you need in Copenhagen."
        ),
        "keywords_da": "starte virksomhed, iværksætter, udenlandsk, registrere",
        "keywords_en": "start a business, startup, founder, register a company, international",
        "topic": Topic.STARTING,
        "audience": Audience.FOUNDERS,
        "language": "en",
    },
    {
        "key": "building",
        "kind": OfferingKind.COURSE,
        "title_da": "Den gode byggeansøgning",
        "title_en": "The good building application",
        "description_da": (
            "Hvad en byggesag skal indeholde, så den kan behandles første gang: tegninger, "
            "dokumentation og de typiske fejl."
        ),
        "description_en": (
            "What a building application must contain to be processed the first time: "
            "drawings, documentation and the usual mistakes."
        ),
        "keywords_da": "byggeansøgning, byggetilladelse, ombygning, byggesag",
        "keywords_en": "building application, building permit, conversion",
        "topic": Topic.BUILDING_APPLICATION,
        "audience": Audience.SMALL_BUSINESSES,
        "language": "da",
    },
    {
        "key": "outreach",
        "kind": OfferingKind.OUTREACH,
        "title_da": "Mød Erhvervsservice: spørgetime for iværksættere",
        "title_en": "Meet Business Service: drop-in for founders",
        "description_da": (
            "Kom forbi med dine spørgsmål om tilladelser, regler og at starte virksomhed."
        ),
        "description_en": "Bring your questions on permits, rules and starting a business.",
        "keywords_da": "spørgetime, iværksætter",
        "keywords_en": "drop-in, founder",
        "topic": Topic.PERMITS,
        "audience": Audience.ALL,
        "language": "da",
    },
]

# (course key, days ahead, hour, hub key or None for online, capacity, taken)
SESSIONS = [
    ("start", 8, 17, "university", 20, 6),
    ("start", 29, 17, None, 30, 0),
    ("start_en", 10, 16, "coworking", 12, 11),  # nearly full
    ("start_en", 24, 16, "university", 20, 2),
    ("building", 15, 9, "university", 15, 4),
    ("outreach", 5, 14, "coworking", 40, 0),
]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def demo_advisory_seed(*, advisor) -> int:
    """Create the demo advice once; the number of sessions created."""
    if Course.objects.filter(title_da=COURSES[0]["title_da"]).exists():
        return 0
    hubs = {
        key: PartnerHub.objects.get_or_create(
            name=name, defaults={"address": address, "kind": kind}
        )[0]
        for key, (name, address, kind) in HUBS.items()
    }
    courses = {}
    for data in COURSES:
        fields = {k: v for k, v in data.items() if k != "key"}
        courses[data["key"]] = Course.objects.create(**fields)
    created = 0
    for key, days, hour, hub_key, capacity, taken in SESSIONS:
        starts = _at(days, hour)
        session = Session.objects.create(
            course=courses[key],
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            hub=hubs[hub_key] if hub_key else None,
            online_url="" if hub_key else "https://meet.example.invalid/kes-course",
            capacity=capacity,
        )
        session.advisors.add(advisor)
        for n in range(taken):
            registration_create(
                session_id=session.pk,
                name=f"Demo-deltager {n + 1}",
                email=f"demo-participant-{session.pk}-{n + 1}@example.invalid",
                language="en" if courses[key].language == "en" else "da",
            )
        created += 1
    if not WeeklyAvailability.objects.filter(advisor=advisor).exists():
        availability_add(advisor=advisor, weekday=1, start_time=time(9), end_time=time(12))
        availability_add(
            advisor=advisor,
            weekday=3,
            start_time=time(13),
            end_time=time(16),
            hub=hubs["coworking"],
        )
    return created
