"""Factories and the fixed users per role, in one place."""

import factory
from django.contrib.auth import get_user_model

from cases.models import Business, BusinessMembership
from routing.models import Administration, Department, DepartmentMembership, ExternalAuthority

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"adm{n}")
    name_da = factory.LazyAttribute(lambda a: f"Forvaltning {a.code}")
    name_en = factory.LazyAttribute(lambda a: f"Administration {a.code}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"dept{n}")
    administration = factory.SubFactory(AdministrationFactory)
    name_da = factory.LazyAttribute(lambda d: f"Center {d.code}")
    name_en = factory.LazyAttribute(lambda d: f"Centre {d.code}")


class ExternalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalAuthority
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"auth{n}")
    name_da = factory.LazyAttribute(lambda a: f"Myndighed {a.code}")
    name_en = factory.LazyAttribute(lambda a: f"Authority {a.code}")


class DepartmentMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentMembership

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)


def _valid_cvr(n: int) -> str:
    from stdnum.dk import cvr

    base = 10000000 + (n * 97) % 89999999
    while True:
        candidate = str(base)[:7]
        for digit in "0123456789":
            if cvr.is_valid(candidate + digit):
                return candidate + digit
        base += 10


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business
        django_get_or_create = ["cvr"]

    cvr = factory.Sequence(_valid_cvr)
    name = factory.Sequence(lambda n: f"Virksomhed {n} ApS")
    email = factory.Sequence(lambda n: f"business{n}@example.invalid")


class BusinessMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessMembership

    business = factory.SubFactory(BusinessFactory)
    user = factory.SubFactory(UserFactory)
