import pytest
from django.core.management import call_command

from kes.i18n import po_entries, po_problems

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    "body,problems",
    [
        ('msgid "Search"\nmsgstr "Søg"\n', []),
        ('msgid "Search"\nmsgstr ""\n', ["untranslated: 'Search'"]),
        ('#, fuzzy\nmsgid "Search"\nmsgstr "Søg"\n', ["fuzzy: 'Search'"]),
        ('#, python-format\nmsgid "Hi %(n)s"\nmsgstr "Hej %(n)s"\n', []),
        ('msgid ""\n"Long "\n"text"\nmsgstr ""\n"Lang "\n"tekst"\n', []),
        ('msgid ""\n"Long "\n"text"\nmsgstr ""\n', ["untranslated: 'Long text'"]),
        ('msgid "one"\nmsgid_plural "many"\nmsgstr[0] "en"\nmsgstr[1] "mange"\n', []),
        (
            'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "en"\nmsgstr[1] ""\n',
            ["untranslated: 'one'"],
        ),
    ],
)
def test_po_problems(tmp_path, body, problems):
    po = tmp_path / "django.po"
    po.write_text(HEADER + body, encoding="utf-8")
    assert po_problems(po) == problems


def test_entries_ignore_the_header_and_its_date(tmp_path):
    a, b = tmp_path / "a.po", tmp_path / "b.po"
    a.write_text(
        HEADER.replace("UTF-8", 'UTF-8\\n"\n"POT-Creation-Date: 1') + 'msgid "x"\nmsgstr "y"\n',
        encoding="utf-8",
    )
    b.write_text(HEADER + 'msgid "x"\nmsgstr "y"\n', encoding="utf-8")
    assert po_entries(a) == po_entries(b) == ['msgid "x"\nmsgstr "y"']


def test_project_translations_are_complete_and_current(db):
    call_command("check_translations", verbosity=0)
