"""Courses, sessions and slots for the advisory tests."""

from datetime import timedelta

from django.utils import timezone

from advisory.constants import HubKind, Topic
from advisory.models import Course, PartnerHub, Session, Slot
from advisory.services import registration_create
from tests.factories import UserFactory


def hub(name="KU Innovation Hub", kind=HubKind.UNIVERSITY):
    return PartnerHub.objects.get_or_create(
        name=name, defaults={"address": "Nørregade 10, 1165 København K", "kind": kind}
    )[0]


def course(title_en="Starting a business in Copenhagen", language="en", **fields):
    defaults = {
        "title_da": fields.pop("title_da", "Start din virksomhed"),
        "title_en": title_en,
        "description_da": "Alt om at starte.",
        "description_en": "All about starting.",
        "keywords_da": "starte virksomhed, iværksætter, registrere",
        "keywords_en": "start a business, startup, register a company",
        "topic": Topic.STARTING,
        "language": language,
    }
    defaults.update(fields)
    return Course.objects.create(**defaults)


def session(capacity=2, days=7, offering=None, place=None, advisors=(), **fields):
    starts = fields.pop("starts_at", timezone.now() + timedelta(days=days))
    created = Session.objects.create(
        course=offering or course(),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        hub=place,
        online_url="" if place else "https://meet.example.invalid/kes",
        capacity=capacity,
        **fields,
    )
    created.advisors.set(advisors)
    return created


def sign_up(on, n, language="da", **fields):
    return registration_create(
        session_id=on.pk,
        name=fields.pop("name", f"Person {n}"),
        email=fields.pop("email", f"person{n}@example.invalid"),
        language=language,
        **fields,
    )


def slot(advisor=None, days=3, hour=10):
    advisor = advisor or UserFactory(username="t-slot-advisor", first_name="Anna")
    day = timezone.localdate() + timedelta(days=days)
    starts = timezone.make_aware(
        timezone.datetime(day.year, day.month, day.day, hour, 0), timezone.get_current_timezone()
    )
    return Slot.objects.create(
        advisor=advisor, starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
