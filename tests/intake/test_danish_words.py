"""Danish stems and compound parts (intake.danish_words), on a small dictionary in hunspell's
format and on the installed one (Debian's hunspell-da) when it is there."""

import pytest

from intake import danish_words, text_match
from intake.danish_words import Dictionary, parts, segments, stem

# word/flags as in da_DK.dic: 29 begins a compound with -s-, 30 with -e-, 31 with nothing;
# 39 may end one.
SMALL = Dictionary.from_lines(
    """
    butik/7,10,39,29
    dør/5,2,10,39,31
    facade/10,11,2,39,31
    skilt/4,10,5,39,30
    kilt/5,2,10,39
    tag/4,10,5,39,31
    terrasse/10,11,2,39,31
    tagterrasse/10,11,2,39,31
    serve/1,21,22,79,39,31
    ring/5,2,10,39,31
    servering/10,11,2,39,29
    ude/31
    tilladelse/10,11,2,39,29
    park/10,11,2,39,31
    København/10
    """.splitlines()
)


@pytest.fixture
def small_dictionary():
    text_match.use_dictionary(SMALL)
    yield
    text_match.use_dictionary(None)


@pytest.mark.parametrize(
    "word,stemmed",
    [("koncerter", "koncert"), ("døren", "dør"), ("parken", "park"), ("concerts", "concert")],
)
def test_stem_is_the_danish_snowball_stem(word, stemmed):
    assert stem(word) == stemmed


@pytest.mark.parametrize(
    "word,expected",
    [
        ("butiksdøren", {"butik", "døren"}),  # linking -s-, an inflected last part
        ("facadeskiltet", {"facade", "skiltet"}),  # not facade·s·kiltet: facade takes no -s-
        ("tagterrassen", {"tag", "terrassen"}),
        (
            "udeserveringstilladelse",
            {"ude", "servering", "tilladelse", "udeservering", "serveringstilladelse"},
        ),
        ("servering", set()),  # a word of its own, not serve·ring
        ("parkering", set()),  # "ering" is no word
        ("park", set()),
    ],
)
def test_compounds_are_cut_where_the_dictionary_allows(small_dictionary, word, expected):
    assert set(parts(word)) == expected


def test_a_known_word_is_cut_only_before_a_long_last_part(small_dictionary):
    assert segments("tagterrasse", SMALL) == [(0, 3, 3), (3, 11, 11)]
    assert segments("servering", SMALL) == []


def test_proper_nouns_are_left_out_of_the_dictionary():
    assert "københavn" not in SMALL.known


def test_without_a_dictionary_no_word_has_parts_but_stems_still_work():
    text_match.use_dictionary(Dictionary())
    try:
        assert parts("butiksdøren") == ()
        assert text_match.word_match("koncerter", "koncert")[1] == "stem"
        # Without the dictionary, the end of a long word is still taken as a compound's.
        assert text_match.word_match("skilt", "facadeskilt")[1] == "part_of_term"
    finally:
        text_match.use_dictionary(None)


def test_a_missing_dictionary_file_reads_as_empty(monkeypatch, tmp_path):
    monkeypatch.setattr(danish_words, "DICTIONARY_PATH", tmp_path / "none.dic")
    text_match.use_dictionary(None)
    try:
        assert not danish_words.dictionary()
    finally:
        monkeypatch.undo()
        text_match.use_dictionary(None)


@pytest.mark.skipif(not danish_words.dictionary(), reason="hunspell-da is not installed")
@pytest.mark.parametrize(
    "word,part",
    [
        ("butiksdøren", "døren"),
        ("facadeskiltet", "skiltet"),
        ("tagterrassen", "terrassen"),
        ("kaffecykel", "cykel"),
        ("håndværkerparkering", "parkering"),
    ],
)
def test_the_installed_dictionary_cuts_everyday_compounds(word, part):
    assert part in parts(word)
