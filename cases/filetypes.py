"""What an uploaded file really is, decided by opening it, never by its name.

The rule: libmagic names the type from the content, and it must be one we accept: PDF, PNG,
JPEG, or an Office Open XML package (a ZIP). Then the library made for that type must open
the file, and nothing in it may run on the PC of whoever opens it:

- no file may carry HTML in its first bytes, where browsers look when they guess a type
  (a file that is both a PDF and a web page is refused), nor a Windows or Linux program
  anywhere in it;
- a PDF must parse with pypdf and have a page; JavaScript, launch actions and XFA forms
  (which run scripts) are refused, and so is a PDF we cannot read without a password;
- an image is measured from its header before anything is decoded (at most
  ``KES_UPLOAD_MAX_PIXELS``, 40 megapixels by default), then checked by Pillow;
- an Office file must declare its main part as a Word document or an Excel workbook in
  ``[Content_Types].xml``; macros, Java archives and programs inside it are refused.

``detect`` returns the content type or raises ``Refused`` with one of the reasons below;
the caller words the message. No ORM, no storage.
"""

import re
import zipfile
from enum import StrEnum
from typing import BinaryIO
from xml.etree import ElementTree

import magic
from PIL import Image
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

DEFAULT_MAX_PIXELS = 40_000_000


class Reason(StrEnum):
    NOT_ALLOWED = "not_allowed"
    DAMAGED = "damaged"
    TOO_MANY_PIXELS = "too_many_pixels"
    PROGRAM = "program"
    MACROS = "macros"
    PASSWORD = "password"


class Refused(Exception):
    def __init__(self, reason: Reason):
        super().__init__(reason)
        self.reason = reason


# libmagic reads far less than this to name a type; the rest of the file is the libraries'.
_MAGIC_BYTES = 64 * 1024
# Browsers that guess a type look for tags near the start (WHATWG MIME sniffing: 1445 bytes).
_HTML_TAG = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|object|embed|svg|meta)[\s>/]", re.IGNORECASE
)
_HTML_WINDOW = 1445


def detect(fileobj: BinaryIO, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> str:
    """The content type of a seekable binary file, or ``Refused``; its position is restored."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        head = fileobj.read(_MAGIC_BYTES)
        family = magic.from_buffer(head, mime=True)
        if family not in (PDF, PNG, JPEG, DOCX, XLSX, "application/zip"):
            raise Refused(Reason.NOT_ALLOWED)
        if _HTML_TAG.search(head[:_HTML_WINDOW]) or _hides_program(fileobj):
            raise Refused(Reason.PROGRAM)
        if family == PDF:
            return _check_pdf(fileobj)
        if family in (PNG, JPEG):
            return _check_image(fileobj, family, max_pixels)
        return _check_office(fileobj)
    finally:
        fileobj.seek(position)


# Programs libmagic recognises by their full headers; a bare "MZ" it calls a DOS program
# one time in three, so that alone proves nothing.
_PROGRAMS = frozenset(
    {
        "application/vnd.microsoft.portable-executable",
        "application/x-executable",
        "application/x-sharedlib",
        "application/x-pie-executable",
    }
)
_PROGRAM_START = re.compile(rb"MZ|\x7fELF")
_SCAN_CHUNK = 1024 * 1024
_PROGRAM_HEAD = 4096


def _hides_program(fileobj: BinaryIO) -> bool:
    """Whether a Windows or Linux program starts anywhere in the file: after a picture's
    headers, in its data or after its end, a decoder skips over it without complaint."""
    fileobj.seek(0)
    carry = b""
    while chunk := fileobj.read(_SCAN_CHUNK):
        data = carry + chunk
        for match in _PROGRAM_START.finditer(data):
            start = match.start()
            if magic.from_buffer(data[start : start + _PROGRAM_HEAD], mime=True) in _PROGRAMS:
                return True
        # A program header cut by the chunk's end is read again whole with the next chunk.
        carry = data[-_PROGRAM_HEAD:]
    return False


# --- PDF -----------------------------------------------------------------------------------

# Entries that hold or start scripts, and action types that run something by themselves.
_PDF_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/XFA"})
_PDF_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch"})
# Walking a PDF's objects costs time per object; more than this is no document of a case.
_PDF_MAX_OBJECTS = 200_000


def _check_pdf(fileobj: BinaryIO) -> str:
    fileobj.seek(0)
    # pypdf raises many kinds of errors on a broken or hostile file: all mean we cannot open it.
    try:
        reader = PdfReader(fileobj)
        if reader.is_encrypted and _locked(reader):
            raise Refused(Reason.PASSWORD)
        if len(reader.pages) < 1:
            raise Refused(Reason.DAMAGED)
        active = _pdf_has_active_content(reader)
    except Refused:
        raise
    except Exception as exc:
        raise Refused(Reason.DAMAGED) from exc
    if active:
        raise Refused(Reason.PROGRAM)
    return PDF


def _locked(reader: PdfReader) -> bool:
    """Whether we cannot read it: many PDFs have only an owner password (against printing or
    copying) and open with an empty one; AES needs a library we do not install."""
    try:
        return reader.decrypt("") == PasswordType.NOT_DECRYPTED
    except Exception:
        return True


def _pdf_has_active_content(reader: PdfReader) -> bool:
    """Every object reachable from the trailer, streams left undecoded."""
    seen: set[tuple[int, int]] = set()
    pending: list = [reader.trailer]
    visited = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        visited += 1
        if visited > _PDF_MAX_OBJECTS:
            raise Refused(Reason.DAMAGED)
        if isinstance(item, DictionaryObject):
            action = item.get("/S")
            if isinstance(action, IndirectObject):
                action = action.get_object()
            if _PDF_ACTIVE_KEYS.intersection(item.keys()) or action in _PDF_ACTIVE_ACTIONS:
                return True
            pending.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            pending.extend(list.__iter__(item))
    return False


# --- images --------------------------------------------------------------------------------


def _check_image(fileobj: BinaryIO, content_type: str, max_pixels: int) -> str:
    formats = ["PNG"] if content_type == PNG else ["JPEG"]
    try:
        # Opening reads the header only; the size is known before a single pixel is decoded.
        fileobj.seek(0)
        width, height = Image.open(fileobj, formats=formats).size
        if width * height > max_pixels:
            raise Refused(Reason.TOO_MANY_PIXELS)
        fileobj.seek(0)
        Image.open(fileobj, formats=formats).verify()
        if content_type == JPEG:
            _decode_small(fileobj, formats, width, height)
    except Image.DecompressionBombError as exc:
        raise Refused(Reason.TOO_MANY_PIXELS) from exc
    except Refused:
        raise
    except Exception as exc:  # as with pypdf: any error of Pillow's means it cannot open it
        raise Refused(Reason.DAMAGED) from exc
    return content_type


def _decode_small(fileobj: BinaryIO, formats: list[str], width: int, height: int) -> None:
    """Pillow's verify() checks a PNG's chunks but not a JPEG's data; decoding finds a JPEG
    cut short. At an eighth of the size it still reads all of the data, in a 64th of the
    memory."""
    fileobj.seek(0)
    image = Image.open(fileobj, formats=formats)
    image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
    image.load()


# --- Office Open XML -----------------------------------------------------------------------

_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024
_NAMESPACE = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_MACRO_MARKERS = ("vbaproject", "macroenabled", "macrosheet")
_PROGRAM_NAMES = re.compile(
    r"(^|/)(meta-inf/manifest\.mf|activex/.*)$"
    r"|\.(class|jar|exe|dll|scr|com|msi|bat|cmd|ps1|vbs|js|sh)$",
    re.IGNORECASE,
)
# Inside a package nothing has reason to start like a program, so even a DOS stub counts.
_PROGRAM_TYPES = _PROGRAMS | {
    "application/x-dosexec",
    "application/x-mach-binary",
    "application/x-java-applet",
    "application/java-archive",
    "text/x-shellscript",
    "text/x-msdos-batch",
}
_DOS_HEADER = b"MZ"
_ENTRY_HEAD = 2048


def _check_office(fileobj: BinaryIO) -> str:
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise Refused(Reason.PASSWORD)
            names = [entry.filename for entry in entries]
            if any(_runs(archive, entry) for entry in entries):
                raise Refused(Reason.PROGRAM)
            if _CONTENT_TYPES not in names:
                raise Refused(Reason.NOT_ALLOWED)
            parts = _declared_parts(archive.getinfo(_CONTENT_TYPES), archive)
    except Refused:
        raise
    except Exception as exc:  # zipfile also raises NotImplementedError, RuntimeError, …
        raise Refused(Reason.DAMAGED) from exc
    declared = " ".join([*names, *parts.values()]).lower()
    if any(marker in declared for marker in _MACRO_MARKERS):
        raise Refused(Reason.MACROS)
    mains = {_MAIN_PARTS[kind]: part for part, kind in parts.items() if kind in _MAIN_PARTS}
    if len(mains) != 1:
        raise Refused(Reason.NOT_ALLOWED)
    ((content_type, part),) = mains.items()
    if part.lstrip("/") not in names:
        raise Refused(Reason.DAMAGED)
    return content_type


def _runs(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    if _PROGRAM_NAMES.search(entry.filename):
        return True
    if entry.is_dir():
        return False
    # Only the first bytes are inflated: a ZIP bomb stays packed.
    with archive.open(entry) as handle:
        head = handle.read(_ENTRY_HEAD)
    return head.startswith(_DOS_HEADER) or magic.from_buffer(head, mime=True) in _PROGRAM_TYPES


def _declared_parts(info: zipfile.ZipInfo, archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> content type, from the Override entries of ``[Content_Types].xml``."""
    if info.file_size > _CONTENT_TYPES_MAX_BYTES:
        raise Refused(Reason.DAMAGED)
    with archive.open(info) as handle:
        data = handle.read(_CONTENT_TYPES_MAX_BYTES + 1)
    # A package declares no DTD; entities are how XML is made to explode when parsed.
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise Refused(Reason.DAMAGED)
    root = ElementTree.fromstring(data)  # noqa: S314 (no DTD, so no entities to expand)
    return {
        override.get("PartName", ""): override.get("ContentType", "")
        for override in root.iter(f"{_NAMESPACE}Override")
    }
