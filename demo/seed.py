"""Demo users and businesses for a local run (DESIGN.md §6); never for production."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from cases.models import Business
from cases.services import business_create, business_user_add
from cases.services.processing_times import processing_times_refresh
from kes.constants import Role
from routing.constants import MembershipRole
from routing.models import Department
from routing.services import membership_set, user_roles_grant

from .advisory import demo_advisory_seed
from .cases import demo_cases_seed
from .history import demo_history_seed
from .meetings import demo_star_meeting_seed
from .pilots import demo_pilot_seed

DEMO_BUSINESSES = [
    {
        "cvr": "12345607",
        "name": "Demo Café ApS",
        "email": "cafe@example.invalid",
        "address": "Vesterbrogade 1",
        "postcode": "1620",
        "city": "København V",
        "phone": "+45 12 34 56 78",
        "language": "da",
    },
    {
        "cvr": "24681351",
        "name": "Nordic Events ApS",
        "email": "events@example.invalid",
        "address": "Islands Brygge 10",
        "postcode": "2300",
        "city": "København S",
        "language": "en",
    },
    {
        "cvr": "31415926",
        "name": "Byggefirmaet Hansen & Søn I/S",
        "email": "hansen@example.invalid",
        "address": "Amagerbrogade 100",
        "postcode": "2300",
        "city": "København S",
        "language": "da",
    },
]

# username -> (first name, last name, group-held roles)
DEMO_STAFF = {
    "demo-kes": ("Karen", "Erhvervsservice", [Role.KES_STAFF]),
    "demo-pilot": ("Peter", "Lods", [Role.PILOT]),
    "demo-triage": ("Tove", "Visitation", [Role.TRIAGE]),
    "demo-manager": ("Mette", "Leder", [Role.MANAGER]),
    # Advisors are KES staff: they refer a business into the one entrance at the front desk.
    "demo-advisor": ("Anna", "Rådgiver", [Role.ADVISOR, Role.KES_STAFF]),
}


@dataclass
class SeedReport:
    users: list[str] = field(default_factory=list)
    businesses: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    # Decided tasks of the year's history (demo.history).
    history: int = 0


def _user(username: str, password: str, report: SeedReport, **fields):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        report.users.append(username)
    return user


@transaction.atomic
def demo_seed(*, password: str) -> SeedReport:
    """Create what is missing; existing users keep their password and data."""
    report = SeedReport()
    for data in DEMO_BUSINESSES:
        if not Business.objects.filter(cvr=data["cvr"]).exists():
            business_create(**data)
            report.businesses.append(data["name"])
    cafe = Business.objects.get(cvr="12345607")
    business_user = _user(
        "demo-business",
        password,
        report,
        first_name="Dorte",
        last_name="Café",
        email="dorte@example.invalid",
    )
    business_user_add(business=cafe, user=business_user, is_admin=True)

    for username, (first, last, roles) in DEMO_STAFF.items():
        user = _user(
            username,
            password,
            report,
            first_name=first,
            last_name=last,
            email=f"{username}@example.invalid",
        )
        user_roles_grant(user=user, roles=roles)

    for department in Department.objects.all():
        username = f"demo-{department.code}"
        user = _user(
            username,
            password,
            report,
            first_name=department.name_da[:150],
            last_name="",
            email=f"{username}@example.invalid",
        )
        # The only member of the demo department leads it, so assigning can be tried.
        membership_set(user=user, department=department, role=MembershipRole.LEAD)

    _user(
        "demo-admin",
        password,
        report,
        first_name="Ada",
        last_name="Administrator",
        email="demo-admin@example.invalid",
        is_staff=True,
        is_superuser=True,
    )
    demo_advisory_seed(advisor=get_user_model().objects.get(username="demo-advisor"))
    if Department.objects.filter(code="city_use").exists():
        User = get_user_model()
        report.cases = demo_cases_seed(
            business=cafe,
            submitted_by=business_user,
            worker_of=lambda code: User.objects.filter(username=f"demo-{code}").first(),
        )
        report.cases += demo_star_meeting_seed(
            business=cafe, registered_by=User.objects.get(username="demo-kes")
        )
        report.cases += demo_pilot_seed(
            business=cafe,
            submitted_by=business_user,
            kes=User.objects.get(username="demo-kes"),
            pilot=User.objects.get(username="demo-pilot"),
        )
        report.history = demo_history_seed(
            kes=User.objects.get(username="demo-kes"),
            pilot=User.objects.get(username="demo-pilot"),
        )
    # The public processing times and the guide show the history at once, not after the
    # night's refresh.
    processing_times_refresh()
    return report
