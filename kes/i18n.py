"""Checks on the .po catalogues (no ORM): complete and in step with the sources."""

import re
from pathlib import Path

MAKEMESSAGES_OPTIONS = {
    "locale": ["da", "en"],
    "no_location": True,
    "no_obsolete": True,
    "ignore_patterns": [".venv/*", "node_modules/*", "var/*", "tests/*", "bench/*"],
}

_ENTRY = re.compile(r"\n\n(?=#|msgid|msgctxt)")


def po_entries(path: Path) -> list[str]:
    """The entries of a .po file without its header (which carries a creation date)."""
    text = Path(path).read_text(encoding="utf-8").strip()
    return _ENTRY.split(text)[1:]


def _string(block: str, keyword: str) -> str:
    match = re.search(rf'^{keyword} ((?:".*"\n?)+)', block, re.M)
    if not match:
        return ""
    return "".join(re.findall(r'"(.*)"', match.group(1)))


def po_problems(path: Path) -> list[str]:
    """Entries that are fuzzy or have an empty translation (any plural form)."""
    problems = []
    for entry in po_entries(path):
        msgid = _string(entry, "msgid")
        if "#, fuzzy" in entry or re.search(r"^#,.*fuzzy", entry, re.M):
            problems.append(f"fuzzy: {msgid!r}")
            continue
        if "msgid_plural" in entry:
            forms = re.findall(r'^msgstr\[\d+\] ((?:".*"\n?)+)', entry, re.M)
            empty = not forms or any(not "".join(re.findall(r'"(.*)"', f)) for f in forms)
        else:
            empty = not _string(entry, "msgstr")
        if empty:
            problems.append(f"untranslated: {msgid!r}")
    return problems
