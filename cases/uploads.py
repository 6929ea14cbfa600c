"""Which uploaded files a case accepts, decided by their content, never by their name.

Allowed: PDF (starts with ``%PDF-``), PNG (the 8-byte PNG signature), JPEG (``FF D8 FF``),
and the two Office Open XML formats, which are ZIP archives (``PK\\x03\\x04``) whose central
directory holds ``[Content_Types].xml`` and ``word/…`` (DOCX) or ``xl/…`` (XLSX). A macro
project (``vbaProject.bin``) makes an Office file unacceptable. Anything else (an .exe
renamed to .pdf, a plain ZIP, a text file) is refused.

Limits: each file at most ``max_file_bytes``, and all files of a case together (with those
it already holds) at most ``max_case_bytes``. Empty files are refused.
Pure: no ORM, no storage; the caller stores files only after they passed.
"""

import zipfile
from collections.abc import Sequence
from io import BytesIO
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALLOWED = (PDF, PNG, JPEG, DOCX, XLSX)
ALLOWED_NAMES = "PDF, PNG, JPEG, DOCX, XLSX"

HEAD_BYTES = 2048
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZIP_SIGNATURE = b"PK\x03\x04"
MB = 1024 * 1024


def _office_type(fileobj: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    return None


def sniff(head: bytes, name: str = "", fileobj: BinaryIO | None = None) -> str | None:
    """The content type of a file from its first bytes, or None if it is not allowed.

    ``name`` is not trusted and not used to decide. An Office file is a ZIP whose table of
    contents sits at its end: pass the whole file as ``fileobj`` (or the whole content as
    ``head``); its position is restored.
    """
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_PNG_SIGNATURE):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_ZIP_SIGNATURE):
        if fileobj is None:
            return _office_type(BytesIO(head))
        position = fileobj.tell()
        try:
            fileobj.seek(0)
            return _office_type(fileobj)
        finally:
            fileobj.seek(position)
    return None


def sniff_file(upload) -> str | None:
    """sniff() for a Django File/UploadedFile (or any seekable binary file object)."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return sniff(head, getattr(upload, "name", "") or "", fileobj=upload)


def _megabytes(size: int) -> str:
    return f"{size / MB:g}" if size % MB else str(size // MB)


def validate_uploads(
    files: Sequence,
    *,
    max_file_bytes: int,
    max_case_bytes: int,
    existing_bytes: int = 0,
) -> list[str]:
    """The sniffed content type of each file, in order; ValidationError with every problem."""
    errors: list[str] = []
    content_types: list[str] = []
    total = existing_bytes
    for upload in files:
        name = getattr(upload, "name", "") or _("the file")
        size = upload.size or 0
        total += size
        if size == 0:
            errors.append(_("“%(name)s” is empty.") % {"name": name})
            continue
        if size > max_file_bytes:
            errors.append(
                _("“%(name)s” is too large: a file may be at most %(limit)s MB.")
                % {"name": name, "limit": _megabytes(max_file_bytes)}
            )
            continue
        content_type = sniff_file(upload)
        if content_type is None:
            errors.append(
                _("“%(name)s” is not an allowed file type. Allowed types: %(types)s.")
                % {"name": name, "types": ALLOWED_NAMES}
            )
            continue
        content_types.append(content_type)
    if total > max_case_bytes:
        errors.append(
            _("The files are too large together: a case may hold at most %(limit)s MB.")
            % {"limit": _megabytes(max_case_bytes)}
        )
    if errors:
        raise ValidationError(errors)
    return content_types
