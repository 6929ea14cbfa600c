"""Which uploaded files a case accepts, decided by their content, never by their name.

Allowed: PDF, PNG, JPEG, and Word (DOCX) and Excel (XLSX) files, each opened with the library
made for it; ``cases.filetypes`` holds the rule. Anything else (an .exe renamed to .pdf, a
plain ZIP, a web page, a macro-enabled Office file, an image of too many pixels) is refused,
each for its own reason, with a message a business can act on.

Limits: each file at most ``max_file_bytes``, and all files of a case together (with those
it already holds) at most ``max_case_bytes``. Empty files are refused.

An accepted upload is renamed to the extension of its real type (report.html holding a PDF
becomes report.pdf), so every caller stores and serves it as what it is. No ORM, no
storage; the caller stores files only after they passed.
"""

import re
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .filetypes import (
    DEFAULT_MAX_PIXELS,
    DOCX,
    JPEG,
    PDF,
    PNG,
    XLSX,
    Reason,
    Refused,
    detect,
)

ALLOWED = (PDF, PNG, JPEG, DOCX, XLSX)
ALLOWED_NAMES = "PDF, PNG, JPEG, DOCX, XLSX"
# What a file input offers to choose; the content still decides.
ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
MB = 1024 * 1024
# The first extension is the one a file gets when its own name does not fit its type.
EXTENSIONS = {
    PDF: ("pdf",),
    PNG: ("png",),
    JPEG: ("jpg", "jpeg", "jpe"),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
}

REFUSALS = {
    Reason.NOT_ALLOWED: _("“%(name)s” is not an allowed file type. Allowed types: %(types)s."),
    Reason.DAMAGED: _(
        "“%(name)s” cannot be opened: the file is damaged or is not really a PDF, image, "
        "Word or Excel file."
    ),
    Reason.TOO_MANY_PIXELS: _(
        "“%(name)s” has too many pixels: a picture may be at most %(limit)s megapixels. "
        "Make it smaller and upload it again."
    ),
    Reason.PROGRAM: _("“%(name)s” contains a program or script, which we do not accept."),
    Reason.MACROS: _(
        "“%(name)s” contains macros, which we do not accept. Save it as an ordinary Word "
        "or Excel file and upload it again."
    ),
    Reason.PASSWORD: _("“%(name)s” is protected by a password. Upload a copy without a password."),
}

_WORD_LIKE = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9]{1,5}")


def filename_for(name: str, content_type: str) -> str:
    """``name`` without any folder, with an extension of ``content_type``: its own when it
    fits (scan.JPEG stays), else the type's in place of a word-like one (report.html holding
    a PDF is report.pdf), else added (Tegning 1.2 is Tegning 1.2.pdf)."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or "document"
    extensions = EXTENSIONS.get(content_type)
    if not extensions:
        return name[:255]
    stem, dot, extension = name.rpartition(".")
    if not (dot and stem):
        stem, extension = name, ""
    if extension.lower() not in extensions:
        if extension and not _WORD_LIKE.fullmatch(extension):
            stem = f"{stem}.{extension}"
        extension = extensions[0]
    return f"{stem[: 254 - len(extension)]}.{extension}"


def max_pixels() -> int:
    return getattr(settings, "KES_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def _megabytes(size: int) -> str:
    return f"{size / MB:g}" if size % MB else str(size // MB)


def _refusal(reason: Reason, name: str) -> str:
    return REFUSALS[reason] % {
        "name": name,
        "types": ALLOWED_NAMES,
        "limit": f"{max_pixels() / 1_000_000:g}",
    }


def validate_uploads(
    files: Sequence,
    *,
    max_file_bytes: int,
    max_case_bytes: int,
    existing_bytes: int = 0,
) -> list[str]:
    """The detected content type of each file, in order; ValidationError with every problem.

    When every file passed, each is renamed to the extension of its type."""
    errors: list[str] = []
    content_types: list[str] = []
    total = existing_bytes
    for upload in files:
        name = getattr(upload, "name", "") or str(_("the file"))
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
        try:
            content_types.append(detect(upload, max_pixels=max_pixels()))
        except Refused as refused:
            errors.append(_refusal(refused.reason, name))
    if total > max_case_bytes:
        errors.append(
            _("The files are too large together: a case may hold at most %(limit)s MB.")
            % {"limit": _megabytes(max_case_bytes)}
        )
    if errors:
        raise ValidationError(errors)
    for upload, content_type in zip(files, content_types, strict=True):
        upload.name = filename_for(upload.name, content_type)
    return content_types
