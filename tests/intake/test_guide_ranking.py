"""The guide's order (intake.guide_ranking): phrases before scattered words, whole words before
prefixes, permits the query names before question cards."""

import time

import pytest

from intake.guide_ranking import (
    LOOSE,
    NAMED_QUESTION,
    NAMED_SERVICE,
    Document,
    naming_strength,
    rank,
)
from intake.text_match import content_words

CATALOGUE = [
    Document(
        "outdoor",
        names=["Udeservering foran café"],
        synonyms=["udeservering", "borde på fortovet"],
        keywords=["terrasse", "café", "tilladelse"],
        summaries=["Stil borde og stole på fortovet."],
    ),
    Document(
        "cafe",
        names=["Tilladelser til en café"],
        synonyms=["åbne café"],
        keywords=["café", "restaurant"],
        summaries=["Alt fra ventilation til udeservering."],
        question=True,
    ),
    Document(
        "event",
        names=["Arrangement i park"],
        synonyms=["koncert", "street party"],
        keywords=["park", "marked"],
        summaries=["Hold en koncert eller en gadefest."],
    ),
    Document(
        "parking",
        names=["Parkeringstilladelse til håndværkere"],
        synonyms=["parkering", "parking permit"],
        keywords=["varebil", "parking"],
    ),
    Document(
        "building",
        names=["Byggetilladelse til mindre byggeri"],
        synonyms=["byggetilladelse", "building permit"],
        keywords=["tilbygning", "roof terrace"],
    ),
    Document("empty"),
]


@pytest.mark.parametrize(
    "query,first",
    [
        ("udeservering", "outdoor"),  # a search term beats a word of a summary
        ("udservering", "outdoor"),  # the same with a typo
        ("åbne en café", "cafe"),  # a question card named, no permit named
        ("koncerter i parken", "event"),
        ("a street party", "event"),
        ("byggetilladelse til tagterrasse", "building"),  # the phrase, not terrasse+tilladelse
        ("roof terrace building permit", "building"),
        ("parkering til varebilen", "parking"),
    ],
)
def test_rank_puts_the_best_first(query, first):
    assert rank(query, CATALOGUE)[0].key == first


def test_a_question_card_never_outranks_a_permit_the_query_names():
    keys = [m.key for m in rank("jeg vil åbne en café med udeservering", CATALOGUE)]
    assert keys[:2] == ["outdoor", "cafe"]


def test_a_word_prefix_never_beats_a_whole_word():
    keys = [m.key for m in rank("we want to hold a concert in a park", CATALOGUE)]
    assert keys[0] == "event"
    assert "parking" not in keys  # "park" begins "parking", and a service says "park"


def test_a_prefix_counts_when_nothing_matches_better():
    docs = [Document("a", keywords=["recruitment"]), Document("b", keywords=["ventilation"])]
    assert [m.key for m in rank("recruit", docs)] == ["a"]


@pytest.mark.parametrize(
    "query,phrase,strength",
    [
        ("borde på fortovet", "borde på fortovet", 2.0),
        ("borde og stole på fortovet", "borde på fortovet", 2.0),  # one word between
        ("borde og stole og parasoller på fortovet", "borde på fortovet", 0.0),  # two
        ("fortovet med borde", "borde på fortovet", 0.0),  # out of order
        ("udeserveringstilladelse", "udeservering", 0.6),  # inside the query's compound
        ("skilt", "facadeskilt", 0.0),  # a part of the phrase's word names nothing
        ("park", "parkering", 0.0),  # nor does a prefix
        ("koncerter", "koncert", 0.95),
    ],
)
def test_naming_strength(query, phrase, strength):
    assert naming_strength(content_words(query), content_words(phrase)) == strength


def test_groups_say_who_was_named():
    groups = {m.key: m.group for m in rank("åbne café med udeservering og musik", CATALOGUE)}
    assert groups["outdoor"] == NAMED_SERVICE
    assert groups["cafe"] == NAMED_QUESTION
    matches = rank("stole", CATALOGUE)
    assert matches and all(m.group == LOOSE for m in matches)


def test_rank_says_why_with_the_search_term_or_the_word():
    (match, *_rest) = rank("borde og stole på fortovet", CATALOGUE)
    assert match.key == "outdoor"
    assert match.matched[0] == "borde på fortovet"
    assert rank("udservering", CATALOGUE)[0].matched == ["udeservering"]


def test_a_whole_keyword_phrase_scores_more_than_its_words_apart():
    phrase, *_ = rank("street party", [Document("a", keywords=["street party"])])
    apart, *_ = rank("street party", [Document("a", keywords=["street", "party"])])
    assert phrase.score > apart.score


def test_rank_leaves_out_weak_matches():
    keys = [m.key for m in rank("udeservering", CATALOGUE)]
    assert "event" not in keys and "empty" not in keys
    docs = [
        Document("strong", names=["Udeservering"], keywords=["udeservering"]),
        Document("weak", summaries=["servering"]),
    ]
    assert [m.key for m in rank("udeservering", docs)] == ["strong"]
    assert [m.key for m in rank("udeservering", docs, cutoff=0.0)] == ["strong", "weak"]


@pytest.mark.parametrize("query", ["", "og i en", "%", "😀", "zzzzzz"])
def test_rank_of_nothing_is_empty(query):
    assert rank(query, CATALOGUE) == []


def test_rank_of_a_long_query_stays_quick():
    start = time.perf_counter()
    rank("jeg vil åbne en café med udeservering og musik i parken " * 4, CATALOGUE * 10)
    assert time.perf_counter() - start < 1.0
