"""Staff, businesses and the businesses' users (a part of ``Generator``)."""

from __future__ import annotations

from datetime import timedelta

from .constants import (
    CASEWORKERS_AT_200K,
    DEMO_CVR,
    DEMO_NAME,
    FIRST,
    FORMS,
    LAST,
    POSTCODES,
    STREETS,
    WORDS_A,
    WORDS_B,
)
from .database import Ids
from .helpers import valid_cvr


class People:
    """Writes the users and businesses; ``Generator`` holds the state it reads."""

    def make_staff(self):
        from django.contrib.auth import get_user_model

        from kes.constants import Role
        from routing.constants import MembershipRole
        from routing.models import Department
        from routing.services import membership_set, user_roles_grant

        User = get_user_model()
        scale = self.n_cases / 200_000

        def user(username, first, last, roles=()):
            u = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.invalid",
                password="!",
            )
            if roles:
                user_roles_grant(user=u, roles=roles)
            return u

        n_kes = max(2, round(CASEWORKERS_AT_200K["kes"] * scale))
        self.kes_staff = [
            user(f"bench-kes-{i}", "KES", f"Medarbejder {i}", [Role.KES_STAFF]).pk
            for i in range(1, n_kes + 1)
        ]
        self.pilots = [
            user(f"bench-pilot-{i}", "Lods", str(i), [Role.PILOT]).pk for i in range(1, 4)
        ]
        user("bench-manager", "Mette", "Leder", [Role.MANAGER])
        departments = Department.objects.in_bulk()
        self.workers: dict[int, list[int]] = {}
        for code, dept_id in self.departments.items():
            if code == "kes":
                continue
            n = max(2, round(CASEWORKERS_AT_200K.get(code, 3) * scale))
            ids = []
            for i in range(1, n + 1):
                u = user(f"bench-{code}-{i}", self.rng.choice(FIRST), self.rng.choice(LAST))
                role = MembershipRole.LEAD if i == n else MembershipRole.CASEWORKER
                membership_set(user=u, department=departments[dept_id], role=role)
                ids.append(u.pk)
            self.workers[dept_id] = ids
        self.workers[self.kes_id] = self.kes_staff
        self.counts["staff users"] = User.objects.filter(username__startswith="bench-").count()

    def make_businesses(self, cur, ids: Ids):
        rng = self.rng
        n_business = max(100, self.n_cases // 10)
        taken = {DEMO_CVR}
        businesses, users, memberships = [], [], []
        self.business_ids, self.business_user, self.business_lang = [], {}, {}
        self.digital_businesses = []
        now = self.now
        for i in range(n_business):
            bid = ids.take("cases_business")
            if i == 0:
                cvr, name = DEMO_CVR, DEMO_NAME
                address, (postcode, city) = "Vesterbrogade 1", ("1620", "København V")
                email, language = "cafe@example.invalid", "da"
            else:
                cvr = valid_cvr(rng, taken)
                name = f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)} {rng.choice(FORMS)}"
                address = f"{rng.choice(STREETS)} {rng.randint(1, 250)}"
                postcode, city = rng.choice(POSTCODES)
                email = f"kontakt{i}@example.invalid"
                language = "en" if rng.random() < 0.12 else "da"
            created = now - timedelta(days=rng.uniform(0, 4 * 365))
            businesses.append(
                (
                    bid,
                    cvr,
                    name,
                    address,
                    postcode,
                    city,
                    language,
                    email,
                    f"+45 {rng.randint(20000000, 99999999)}",
                    created,
                )
            )
            self.business_ids.append(bid)
            self.business_lang[bid] = language
            if i == 0 or rng.random() < 0.6:
                uid = ids.take("kes_user")
                username = "bench-cafe" if i == 0 else f"bench-business-{i}"
                first, last = rng.choice(FIRST), rng.choice(LAST)
                users.append(
                    (
                        "!",
                        False,
                        username,
                        first,
                        last,
                        f"{username}@example.invalid",
                        False,
                        True,
                        created,
                        language,
                        uid,
                    )
                )
                memberships.append((ids.take("cases_businessmembership"), bid, uid, True, created))
                self.business_user[bid] = uid
                self.digital_businesses.append(bid)
        self.demo_business = self.business_ids[0]
        self.copy(
            cur,
            "cases_business",
            [
                "id",
                "cvr",
                "name",
                "address",
                "postcode",
                "city",
                "language",
                "email",
                "phone",
                "created_at",
            ],
            businesses,
        )
        self.copy(
            cur,
            "kes_user",
            [
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
                "language",
                "id",
            ],
            users,
        )
        self.copy(
            cur,
            "cases_businessmembership",
            ["id", "business_id", "user_id", "is_admin", "created_at"],
            memberships,
        )
