"""Uploads are what they claim to be (issue 9 §3): the content decides the type, the library
made for that type must open the file, what could run on a caseworker's PC is refused, and
an accepted file is kept under the extension of the type it really is."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ImageFile, PngImagePlugin
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from cases.models import Case, CaseDocument
from cases.uploads import DOCX, JPEG, PDF, PNG, XLSX, validate_uploads
from intake.models import ApplicationDraft, DraftDocument
from tests.cases.test_uploads import submit
from tests.factories import EXE, file_bytes, image_bytes, office_bytes, pdf_bytes, zip_bytes

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- files built for the tests -----------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels with almost no data: decoding it would
    allocate the whole picture, which is what a decompression bomb wants."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _chunk(b"IEND", b"")
    )


def jpeg_header_on(body: bytes) -> bytes:
    """A real JPEG's segments up to its image data, then ``body`` instead of the data."""
    jpeg = image_bytes("jpg")
    start_of_scan = jpeg.index(b"\xff\xda")
    return (
        jpeg[: start_of_scan + 2 + int.from_bytes(jpeg[start_of_scan + 2 : start_of_scan + 4])]
        + body
    )


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = TextStringObject(value)
    return action


def pdf_with_javascript() -> bytes:
    """Document-level JavaScript: the catalogue's /Names tree has a /JavaScript branch."""
    script = _action("/JavaScript", JS="app.alert('hello');")
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("greeting"), script])}
    )
    names = DictionaryObject({NameObject("/JavaScript"): tree})
    return pdf_bytes(**{NameObject("/Names"): names})


def pdf_encrypted(user_password: str = "hemmelig") -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes()))
    writer.encrypt(user_password=user_password, owner_password="ejer", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_html_in_its_head() -> bytes:
    pdf = pdf_bytes()
    first_line = pdf.index(b"\n") + 1
    return pdf[:first_line] + b"%<html><script>alert(1)</script></html>\n" + pdf[first_line:]


CONTENT_TYPES_WITH_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&a;</Types>'
)
DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"
JAR_ENTRIES = {"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n", "a/Main.class": b"\xca\xfe"}
JFIF = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"


NOT_ALLOWED = "is not an allowed file type"
DAMAGED = "cannot be opened"
PROGRAM = "contains a program or script"
MACROS = "contains macros"
PASSWORD = "protected by a password"
PIXELS = "has too many pixels"

GOOD = [
    pytest.param("foto.png", lambda: image_bytes("png"), PNG, id="png"),
    pytest.param("foto.jpg", lambda: image_bytes("jpg"), JPEG, id="jpeg"),
    pytest.param("tegning.pdf", pdf_bytes, PDF, id="pdf"),
    # Only an owner password (against printing or copying): it opens without one.
    pytest.param("vilkår.pdf", lambda: pdf_encrypted(""), PDF, id="pdf-owner-password"),
    pytest.param("brev.docx", lambda: file_bytes("docx"), DOCX, id="docx"),
    pytest.param("budget.xlsx", lambda: file_bytes("xlsx"), XLSX, id="xlsx"),
]

BAD = [
    # The five reproductions of issue 9 §3 (the fifth, the rename, is further down).
    pytest.param("plan.pdf", lambda: POLYGLOT, PROGRAM, id="pdf-html-polyglot"),
    pytest.param("foto.jpg", lambda: jpeg_header_on(EXE), PROGRAM, id="jpeg-on-mz"),
    pytest.param(
        "brev.docx", lambda: office_bytes("docx", JAR_ENTRIES), PROGRAM, id="docx-with-jar"
    ),
    pytest.param("kort.png", lambda: png_header_only(60_000, 60_000), PIXELS, id="png-bomb"),
    # More of the same families.
    pytest.param("plan.pdf", pdf_with_html_in_its_head, PROGRAM, id="pdf-html-in-head"),
    pytest.param("plan.pdf", lambda: b"%PDF-1.4\nnot really\n", DAMAGED, id="pdf-unparsable"),
    pytest.param("plan.pdf", pdf_with_javascript, PROGRAM, id="pdf-javascript"),
    pytest.param(
        "plan.pdf",
        lambda: pdf_bytes(**{NameObject("/OpenAction"): _action("/JavaScript", JS="app.alert(1)")}),
        PROGRAM,
        id="pdf-openaction-js",
    ),
    pytest.param(
        "plan.pdf",
        lambda: pdf_bytes(**{NameObject("/OpenAction"): _action("/Launch", F="cmd.exe")}),
        PROGRAM,
        id="pdf-launch",
    ),
    pytest.param("plan.pdf", pdf_encrypted, PASSWORD, id="pdf-encrypted"),
    pytest.param("foto.jpg", lambda: JFIF + EXE, PROGRAM, id="jfif-on-mz"),
    pytest.param("foto.jpg", lambda: JFIF + EXE[:64], DAMAGED, id="jfif-on-dos-stub"),
    pytest.param("foto.jpg", lambda: image_bytes("jpg")[:-40], DAMAGED, id="jpeg-truncated"),
    pytest.param("foto.jpg", lambda: image_bytes("jpg") + EXE, PROGRAM, id="jpeg-then-mz"),
    pytest.param("foto.png", lambda: image_bytes("png") + EXE, PROGRAM, id="png-then-mz"),
    pytest.param("kort.png", lambda: png_header_only(8000, 6000), PIXELS, id="png-48-mp"),
    pytest.param("foto.png", lambda: image_bytes("png")[:-30], DAMAGED, id="png-truncated"),
    pytest.param(
        "brev.docx",
        lambda: office_bytes("docx", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        MACROS,
        id="docx-with-vba",
    ),
    pytest.param("brev.docx", lambda: office_bytes("docx", main_type=DOCM), MACROS, id="docm"),
    pytest.param(
        "brev.docx",
        lambda: office_bytes("docx", {"word/embeddings/setup.bin": EXE}),
        PROGRAM,
        id="docx-with-exe",
    ),
    pytest.param(
        "brev.docx",
        lambda: zip_bytes(
            {"[Content_Types].xml": CONTENT_TYPES_WITH_ENTITY, "word/document.xml": b""}
        ),
        DAMAGED,
        id="docx-content-types-with-entities",
    ),
    pytest.param("brev.docx", lambda: office_bytes("docx")[:60], DAMAGED, id="docx-truncated"),
    pytest.param("slides.pptx", lambda: office_bytes("pptx"), NOT_ALLOWED, id="pptx"),
    pytest.param(
        "arkiv.docx", lambda: zip_bytes({"word/document.xml": b"<w/>"}), NOT_ALLOWED, id="zip"
    ),
    pytest.param("plan.pdf", lambda: EXE, NOT_ALLOWED, id="exe-named-pdf"),
    pytest.param("side.pdf", lambda: b"<!doctype html><p>Hej</p>", NOT_ALLOWED, id="html"),
]


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(("name", "build", "expected"), GOOD)
def test_good_files_are_accepted_with_the_type_of_their_content(name, build, expected):
    assert validate_uploads([_upload(name, build())], max_file_bytes=MB, max_case_bytes=MB) == [
        expected
    ]


@pytest.mark.parametrize(("name", "build", "message"), BAD)
def test_bad_files_are_refused_with_the_reason(name, build, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_uploads([_upload(name, build())], max_file_bytes=MB, max_case_bytes=MB)
    (refusal,) = excinfo.value.messages
    assert refusal.startswith(f"“{name}” ") and message in refusal


def test_a_bomb_is_never_decoded(monkeypatch):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append("load"))
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "verify", lambda i: decoded.append("verify"))
    for width, height in [(60_000, 60_000), (8000, 6000)]:
        with pytest.raises(ValidationError, match=PIXELS):
            bomb = _upload("kort.png", png_header_only(width, height))
            validate_uploads([bomb], max_file_bytes=MB, max_case_bytes=MB)
    assert decoded == []


def test_the_pixel_limit_is_a_setting(settings):
    settings.KES_UPLOAD_MAX_PIXELS = 2_000_000
    with pytest.raises(ValidationError) as excinfo:
        big = _upload("foto.png", image_bytes("png", size=(2000, 1001)))
        validate_uploads([big], max_file_bytes=MB, max_case_bytes=MB)
    assert excinfo.value.messages == [
        "“foto.png” has too many pixels: a picture may be at most 2 megapixels. "
        "Make it smaller and upload it again."
    ]
    fits = _upload("foto.png", image_bytes("png", size=(2000, 1000)))
    assert validate_uploads([fits], max_file_bytes=MB, max_case_bytes=MB) == [PNG]


# --- through the services and the forms: a refused file leaves nothing behind -------------


def _nothing_on_disk(settings) -> bool:
    return not settings.MEDIA_ROOT.exists() or not any(
        path.is_file() for path in settings.MEDIA_ROOT.rglob("*")
    )


def _submit(business, user, name, content):
    return submit(business, user, [("site_plan", _upload(name, content))])


@pytest.mark.parametrize(("name", "build", "message"), BAD)
def test_case_submit_stores_nothing_of_a_bad_file(
    business, business_user, settings, name, build, message
):
    with pytest.raises(ValidationError) as excinfo:
        _submit(business, business_user, name, build())
    assert any(message in m for m in excinfo.value.message_dict["documents"])
    assert not Case.objects.exists() and not CaseDocument.objects.exists()
    assert _nothing_on_disk(settings)


def _draft(client, user):
    client.force_login(user)
    response = client.post("/en/apply/", {"services": ["outdoor_serving"]})
    assert response.status_code == 302
    return ApplicationDraft.objects.get(owner=user)


def _post_document(client, draft, name, content):
    return client.post(
        f"/en/apply/{draft.pk}/documents/",
        {"upload": "1", "document_code": "site_plan", "file": _upload(name, content)},
    )


@pytest.mark.parametrize(("name", "build", "message"), BAD)
def test_the_wizard_stores_nothing_of_a_bad_file(
    client, business_user, catalogue, settings, name, build, message
):
    draft = _draft(client, business_user)
    response = _post_document(client, draft, name, build())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DraftDocument.objects.exists()
    assert _nothing_on_disk(settings)


@pytest.mark.parametrize(("name", "build", "expected"), GOOD)
def test_the_wizard_keeps_a_good_file(client, business_user, catalogue, name, build, expected):
    draft = _draft(client, business_user)
    assert _post_document(client, draft, name, build()).status_code == 302
    assert draft.documents.get().content_type == expected


# --- the extension of the detected type --------------------------------------------------

RENAMES = [
    pytest.param("report.html", pdf_bytes, "report.pdf", "pdf", id="pdf-named-html"),
    pytest.param("foto.pdf", lambda: image_bytes("png"), "foto.png", "png", id="png-named-pdf"),
    pytest.param("scan.JPEG", lambda: image_bytes("jpg"), "scan.JPEG", "jpg", id="jpeg-kept"),
    pytest.param("brev", lambda: file_bytes("docx"), "brev.docx", "docx", id="no-extension"),
    pytest.param("Tegning 1.2", pdf_bytes, "Tegning 1.2.pdf", "pdf", id="not-an-extension"),
    pytest.param("budget.xlsx", lambda: file_bytes("xlsx"), "budget.xlsx", "xlsx", id="kept"),
]


@pytest.mark.parametrize(("name", "build", "stored_as", "extension"), RENAMES)
def test_a_case_keeps_the_file_under_its_detected_extension(
    business, business_user, settings, name, build, stored_as, extension
):
    case = _submit(business, business_user, name, build())
    document = case.documents.get()
    assert document.original_name == stored_as
    assert document.file.name.endswith(f".{extension}")


@pytest.mark.parametrize(("name", "build", "stored_as", "extension"), RENAMES)
def test_the_wizard_keeps_the_file_under_its_detected_extension(
    client, business_user, catalogue, name, build, stored_as, extension
):
    draft = _draft(client, business_user)
    assert _post_document(client, draft, name, build()).status_code == 302
    document = draft.documents.get()
    assert document.original_name == stored_as
    # A draft's file keeps the (checked) extension of its name: scan.JPEG is ….jpeg.
    assert document.file.name.endswith(f".{stored_as.rpartition('.')[2].lower()}")


def test_pdf_content_named_html_downloads_as_a_pdf(client, business, business_user):
    case = _submit(business, business_user, "report.html", pdf_bytes())
    document = case.documents.get()
    client.force_login(business_user)
    response = client.get(f"/cases/{case.reference}/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["Cache-Control"] == "private, no-store"
