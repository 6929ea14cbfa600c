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


# --- Case submission (cases/): the shipped catalogue and small valid files of each type ---


def load_shipped_catalogue():
    """The demo catalogue the project ships (intake/fixtures/catalogue.yaml)."""
    from intake.catalogue import DEFAULT_CATALOGUE, read_catalogue
    from intake.services import catalogue_load

    return catalogue_load(data=read_catalogue(DEFAULT_CATALOGUE))


def _zip_bytes(names: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


FILE_CONTENTS = {
    "pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17,
    "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + b"\xff\xd9",
    "docx": None,  # built on demand: a ZIP with [Content_Types].xml and word/document.xml
    "xlsx": None,
    "exe": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48,
}


def file_bytes(kind: str) -> bytes:
    if kind == "docx":
        return _zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    if kind == "xlsx":
        return _zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})
    return FILE_CONTENTS[kind]


def upload(kind: str, name: str | None = None, content_type: str = "application/octet-stream"):
    """An in-memory upload of a small valid file of ``kind`` (pdf, png, jpg, docx, xlsx, exe)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name or f"file.{kind}", file_bytes(kind), content_type=content_type)


def keep_shipped_catalogue(django_db_blocker):
    """Load the catalogue once for a module, inside a transaction rolled back at its end.

    Use from a module-scoped fixture (tests nest their own transactions inside it, so this
    cannot serve tests that need transactional_db)::

        @pytest.fixture(scope="module")
        def _catalogue(django_db_setup, django_db_blocker):
            yield from keep_shipped_catalogue(django_db_blocker)
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        load_shipped_catalogue()
        yield
        transaction.set_rollback(True)
