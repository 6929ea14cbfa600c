import pytest

from intake.text_match import (
    fold,
    query_words,
    split_words,
    typo_distance,
    word_match,
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
        ("askilt", "a-skilt"),
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
    "query_word,term,similarity,kind",
    [
        ("cafe", "cafe", 1.0, "exact"),
        ("parken", "park", 0.95, "stem"),  # an inflection, by the Danish Snowball stemmer
        ("koncerter", "koncert", 0.95, "stem"),
        ("concerts", "concert", 0.95, "stem"),
        ("udservering", "udeservering", 0.8, "typo"),  # a typo in a long word
        ("fodtruck", "foodtruck", 0.8, "typo"),
        ("facadeskiltet", "skilt", 0.6, "part_of_query"),  # a part of a Danish compound
        ("tagterrassen", "terrasse", 0.6, "part_of_query"),
        ("skilt", "facadeskilt", 0.6, "part_of_term"),
        ("park", "parkering", 0.3, "prefix"),  # only a beginning: a guess
        ("park", "parking", 0.3, "prefix"),
        ("bar", "barn", 0.0, ""),  # too short to be a beginning
        ("cafe", "care", 0.0, ""),  # too short for a typo
        ("park", "bark", 0.0, ""),
        ("restaurant", "ventilation", 0.0, ""),
    ],
)
def test_word_match(query_word, term, similarity, kind):
    assert word_match(query_word, term) == (similarity, kind)
    assert word_similarity(query_word, term) == similarity
