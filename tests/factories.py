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


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OFFICE_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}


def office_bytes(kind: str, extra: dict[str, bytes] | None = None, main_type: str = "") -> bytes:
    """An Office Open XML package (docx, xlsx, pptx): ``[Content_Types].xml`` naming its main
    part, the main part, and ``extra`` entries; ``main_type`` overrides the main content type."""
    part, subtype = OFFICE_MAIN[kind]
    main_type = main_type or f"application/vnd.openxmlformats-officedocument.{subtype}"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": types.encode(), part: b"<x/>", **(extra or {})})


def image_bytes(kind: str = "png", size: tuple[int, int] = (40, 30)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG" if kind == "jpg" else "PNG")
    return buffer.getvalue()


def pdf_bytes(**extra) -> bytes:
    """A one-page PDF made with pypdf; ``extra`` entries go into its catalogue."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.root_object.update(extra)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _windows_program() -> bytes:
    """The headers of a Windows program (DOS stub, PE signature, i386): what libmagic names
    a portable executable. There is no code after them; nobody should try to run it."""
    import struct

    dos = bytearray(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".ljust(0x40, b"\x00"))
    dos[0x3C:0x40] = struct.pack("<I", 0x80)
    stub = b"This program cannot be run in DOS mode.\r\r\n$".ljust(0x40, b"\x00")
    pe = b"PE\x00\x00" + struct.pack("<HHIIIHH", 0x14C, 1, 0, 0, 0, 0xE0, 0x102)
    return bytes(dos) + stub + pe.ljust(0x180, b"\x00")


EXE = _windows_program()


def file_bytes(kind: str) -> bytes:
    """A small valid file of ``kind`` (pdf, png, jpg, docx, xlsx), or a program (exe)."""
    if kind in ("docx", "xlsx"):
        return office_bytes(kind)
    if kind in ("png", "jpg"):
        return image_bytes(kind)
    if kind == "pdf":
        return pdf_bytes()
    if kind == "exe":
        return EXE
    raise ValueError(kind)


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
