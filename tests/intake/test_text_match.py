import pytest

from intake.text_match import (
    Document,
    fold,
    query_words,
    rank,
    split_words,
    typo_distance,
    word_similarity,
)


@pytest.mark.parametrize(
    "text,folded",
    [
        ("Café", "cafe"),
        ("ÅBNE", "åbne"),
        ("Æble og Øl", "æble og øl"),
        ("naïve Über crème", "naive uber creme"),
        ("plain ascii", "plain ascii"),
        ("", ""),
    ],
)
def test_fold_drops_accents_but_keeps_danish_letters(text, folded):
    assert fold(text) == folded


def test_split_words_keeps_the_written_form_beside_the_folded_one():
    assert split_words("Åbne en Café – A-skilt 1:1 😀") == [
        ("åbne", "åbne"),
        ("en", "en"),
        ("cafe", "café"),
        ("a", "a"),
        ("skilt", "skilt"),
        ("1", "1"),
        ("1", "1"),
    ]


@pytest.mark.parametrize(
    "query,words",
    [
        ("jeg vil åbne en café med udeservering", ["åbne", "cafe", "udeservering"]),
        ("we want to hold a concert in a park", ["hold", "concert", "park"]),
        ("Park park PARK", ["park"]),
        ("og i en the a of", []),
        ("%", []),
        ("'; drop table services; --", ["drop", "table", "services"]),
        ("", []),
    ],
)
def test_query_words_drop_stop_words_of_both_languages(query, words):
    assert query_words(query) == words


@pytest.mark.parametrize(
    "a,b,distance",
    [
        ("udeservering", "udeservering", 0),
        ("udservering", "udeservering", 1),  # a letter dropped
        ("stilads", "stillads", 1),
        ("resturant", "restaurant", 1),
        ("reastaurant", "restaurant", 1),  # a letter added
        ("restuarant", "restaurant", 1),  # two swapped
        ("scafolding", "scaffolding", 1),
        ("parkering", "udeservering", 2),  # stops counting above the limit
        ("ab", "abcdef", 2),
    ],
)
def test_typo_distance(a, b, distance):
    assert typo_distance(a, b) == distance


@pytest.mark.parametrize(
    "query_word,term,similarity",
    [
        ("cafe", "cafe", 1.0),
        ("parken", "park", 0.9),  # an inflection
        ("koncerter", "koncert", 0.9),
        ("park", "parking", 0.6),  # not an inflection of what was typed
        ("udeserv", "udeservering", 0.6),  # a beginning, or a compound
        ("udservering", "udeservering", 0.8),  # a typo in a long word
        ("fodtruck", "foodtruck", 0.8),
        ("skilt", "facadeskilt", 0.5),  # the end of a Danish compound
        ("bar", "barn", 0.0),  # too short to be a beginning
        ("cafe", "care", 0.0),  # too short for a typo
        ("park", "bark", 0.0),
        ("restaurant", "ventilation", 0.0),
    ],
)
def test_word_similarity(query_word, term, similarity):
    assert word_similarity(query_word, term) == similarity


CATALOGUE = [
    Document(
        "outdoor",
        keywords=["udeservering", "borde på fortovet", "café"],
        names=["Udeservering foran café"],
        summaries=["Stil borde og stole på fortovet."],
    ),
    Document(
        "cafe",
        keywords=["åbne café", "café", "restaurant"],
        names=["Tilladelser til en café"],
        summaries=["Alt fra ventilation til udeservering."],
    ),
    Document(
        "event",
        keywords=["koncert", "park", "street party"],
        names=["Arrangement i park"],
        summaries=["Hold en koncert eller en gadefest."],
    ),
    Document("empty"),
]


@pytest.mark.parametrize(
    "query,first",
    [
        ("udeservering", "outdoor"),  # a keyword beats a word of a summary
        ("udservering", "outdoor"),  # the same with a typo
        ("åbne en café", "cafe"),  # the rarer word decides
        ("koncerter i parken", "event"),
        ("a street party", "event"),
    ],
)
def test_rank_puts_the_best_first(query, first):
    assert rank(query, CATALOGUE)[0].key == first


def test_rank_says_why_with_the_keyword_or_the_word():
    (match, *_rest) = rank("borde på fortovet", CATALOGUE)
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
        Document("strong", keywords=["udeservering"]),
        Document("weak", summaries=["servering"]),
    ]
    assert [m.key for m in rank("udeservering", docs)] == ["strong"]
    assert [m.key for m in rank("udeservering", docs, cutoff=0.0)] == ["strong", "weak"]


@pytest.mark.parametrize("query", ["", "og i en", "%", "😀", "zzzzzz"])
def test_rank_of_nothing_is_empty(query):
    assert rank(query, CATALOGUE) == []


def test_rank_of_a_long_query_stays_quick():
    import time

    start = time.perf_counter()
    rank("jeg vil åbne en café med udeservering og musik i parken " * 4, CATALOGUE * 10)
    assert time.perf_counter() - start < 1.0
