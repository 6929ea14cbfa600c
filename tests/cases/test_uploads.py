import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.filetypes import Refused, detect
from cases.models import Case, CaseDocument, CaseEvent
from cases.uploads import DOCX, JPEG, PDF, PNG, XLSX, validate_uploads
from tests.cases.helpers import OUTDOOR_TYPED, submit_case
from tests.factories import file_bytes, office_bytes, upload, zip_bytes

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _type(content: bytes) -> str | None:
    try:
        return detect(io.BytesIO(content))
    except Refused:
        return None


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("pdf", "application.pdf", PDF),
        ("png", "photo.png", PNG),
        ("jpg", "photo.jpeg", JPEG),
        ("docx", "letter.docx", DOCX),
        ("xlsx", "budget.xlsx", XLSX),
        ("pdf", "no-extension", PDF),
        ("png", "wrong-name.pdf", PNG),
        ("exe", "setup.exe", None),
        ("exe", "renamed.pdf", None),
    ],
)
def test_the_type_is_decided_by_content_not_by_name(kind, name, expected):
    assert _type(file_bytes(kind)) == expected
    file = upload(kind, name)
    file.seek(7)
    if expected is None:
        with pytest.raises(Refused):
            detect(file)
    else:
        assert detect(file) == expected
    assert file.tell() == 7  # where the caller left it


WORD_TYPES = (
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (office_bytes("docx"), DOCX),
        (office_bytes("xlsx"), XLSX),
        (zip_bytes({"word/document.xml": b"<w/>"}), None),  # not an Office package
        (zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), None),
        (office_bytes("pptx"), None),
        (zip_bytes({"[Content_Types].xml": WORD_TYPES, "word/other.xml": b""}), None),
        (zip_bytes({"[Content_Types].xml": WORD_TYPES, "word/document.xml": b""}), DOCX),
        (office_bytes("docx", {"word/vbaProject.bin": b"x"}), None),
        (zip_bytes({"readme.txt": b"x"}), None),
    ],
)
def test_zip_files_are_docx_or_xlsx_by_their_declared_main_part(content, expected):
    assert _type(content) == expected


def test_a_truncated_zip_is_refused():
    assert _type(file_bytes("docx")[:40]) is None


def test_validate_uploads_returns_the_content_types_in_order():
    files = [upload("pdf"), upload("docx"), upload("jpg")]
    assert validate_uploads(files, max_file_bytes=MB, max_case_bytes=MB) == [PDF, DOCX, JPEG]


def test_validate_uploads_reports_each_problem_clearly():
    files = [upload("exe", "virus.pdf"), upload("pdf", "big.pdf"), upload("png", "ok.png")]
    files[1].size = 3 * MB
    with pytest.raises(ValidationError) as excinfo:
        validate_uploads(files, max_file_bytes=2 * MB, max_case_bytes=4 * MB, existing_bytes=MB)
    assert excinfo.value.messages == [
        "“virus.pdf” is not an allowed file type. Allowed types: PDF, PNG, JPEG, DOCX, XLSX.",
        "“big.pdf” is too large: a file may be at most 2 MB.",
        "The files are too large together: a case may hold at most 4 MB.",
    ]


def test_an_empty_file_is_refused():
    empty = upload("pdf", "empty.pdf")
    empty.size = 0
    with pytest.raises(ValidationError, match="empty"):
        validate_uploads([empty], max_file_bytes=MB, max_case_bytes=MB)


# --- uploads through case_submit ---


def submit(business, user, documents):
    return submit_case(
        business,
        user,
        ["outdoor_serving"],
        OUTDOOR_TYPED,
        description="Udeservering",
        documents=documents,
    )


def test_accepted_files_are_stored_under_generated_names(business, business_user, settings):
    documents = [
        ("site_plan", upload("pdf", "Tegning af udeservering.pdf")),
        ("outdoor_serving.frontage_photo", upload("jpg", "facade.jpg")),
        ("", upload("png", "../../etc/passwd.png")),
        ("", upload("docx", "brev.docx")),
        ("", upload("xlsx", "budget.xlsx")),
    ]
    case = submit(business, business_user, documents)
    stored = list(case.documents.order_by("pk"))
    assert [d.content_type for d in stored] == [PDF, JPEG, PNG, DOCX, XLSX]
    assert [d.original_name for d in stored] == [
        "Tegning af udeservering.pdf",
        "facade.jpg",
        "passwd.png",
        "brev.docx",
        "budget.xlsx",
    ]
    assert [(d.service and d.service.code, d.required_document_code) for d in stored] == [
        ("outdoor_serving", "site_plan"),
        ("outdoor_serving", "frontage_photo"),
        (None, ""),
        (None, ""),
        (None, ""),
    ]
    for document, extension in zip(stored, ["pdf", "jpg", "png", "docx", "xlsx"], strict=True):
        assert re.fullmatch(rf"cases/\d{{4}}/[0-9a-f-]{{36}}\.{extension}", document.file.name)
        assert (settings.MEDIA_ROOT / document.file.name).read_bytes()[:4] == file_bytes(
            "jpg" if extension == "jpg" else extension
        )[:4]
        assert document.uploaded_by == business_user
    assert case.events.filter(kind="document_uploaded").count() == 5


@pytest.mark.parametrize(
    ("documents", "message"),
    [
        ([("site_plan", upload("exe", "plan.pdf"))], "not an allowed file type"),
        (
            [("", upload("pdf")), ("site_plan", upload("exe", "setup.exe"))],
            "not an allowed file type",
        ),
        ([("a_sign.site_plan", upload("pdf"))], "Unknown document: a_sign.site_plan."),
    ],
)
def test_refused_files_store_nothing(business, business_user, settings, documents, message):
    with pytest.raises(ValidationError) as excinfo:
        submit(business, business_user, documents)
    assert any(message in m for m in excinfo.value.message_dict["documents"])
    assert not Case.objects.exists() and not CaseDocument.objects.exists()
    assert not CaseEvent.objects.exists()
    assert not settings.MEDIA_ROOT.exists() or not any(
        p.is_file() for p in settings.MEDIA_ROOT.rglob("*")
    )


def test_limits_come_from_the_settings(business, business_user, settings):
    settings.KES_UPLOAD_MAX_FILE_MB = 1
    settings.KES_UPLOAD_MAX_CASE_MB = 2
    big = upload("pdf", "big.pdf")
    big.size = 1 * MB + 1
    with pytest.raises(ValidationError) as excinfo:
        submit(business, business_user, [("", big)])
    assert excinfo.value.message_dict["documents"] == [
        "“big.pdf” is too large: a file may be at most 1 MB."
    ]
    files = [upload("pdf", f"{n}.pdf") for n in range(3)]
    for file in files:
        file.size = MB
    with pytest.raises(ValidationError) as excinfo:
        submit(business, business_user, [("", file) for file in files])
    assert excinfo.value.message_dict["documents"] == [
        "The files are too large together: a case may hold at most 2 MB."
    ]
    assert not Case.objects.exists()


def test_a_failing_write_removes_the_files_already_stored(
    business, business_user, settings, monkeypatch
):
    from cases.models import Letter

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Letter.objects, "create", broken)
    with pytest.raises(RuntimeError):
        submit(business, business_user, [("site_plan", upload("pdf"))])
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))
