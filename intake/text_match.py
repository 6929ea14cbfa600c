"""How one word of a free-text description matches one word of the catalogue (the guide).
No ORM.

The rule:
- Text is folded for matching (``danish_words.fold``: lower case, accents dropped, æ, ø, å kept).
- The query is cut into words (a single letter hyphenated to a word is one word with it:
  "A-skilt" is "askilt"); Danish and English stop words are dropped (people mix the two
  languages, and the page language says nothing about the language typed).
- A query word matches a catalogue word, from the best to the weakest:
  EXACT (1.0) the same word; STEM (0.95) the same Danish Snowball stem, an inflection
  ("parken" ~ "park", "koncerter" ~ "koncert", "concerts" ~ "concert"); TYPO (0.8) for words
  of 5+ letters, one letter added, dropped, changed or two swapped ("udservering"), but
  not a letter more at an end ("skilt" is not a typo of "a-skilt");
  PART (0.6) one is a part of the other as a Danish compound ("facadeskiltet" ~ "skilt",
  "tagterrasse" ~ "terrasse"; see ``danish_words``), or, whatever the dictionary says, one
  ends with the other of 5+ letters; PREFIX (0.3) one only begins with the other, of 4+
  letters ("park" ~ "parkering", "recruit" ~ "recruitment").
- A PREFIX match is a guess: it is only used for a query word that matches no catalogue word
  better (``guide_ranking`` applies that across the catalogue), so "park" never finds the
  parking permit when a service says "park".
"""

import re
import unicodedata
from functools import lru_cache

from .danish_words import fold, parts, stem
from .danish_words import use_dictionary as danish_use_dictionary

EXACT = 1.0
STEM = 0.95
TYPO = 0.8
PART = 0.6
PREFIX = 0.3
MAX_QUERY_WORDS = 24

_WORD = re.compile(r"[^\W_]+")
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS_DA = _word_set(
    """
    ad af al alle alt altså andet anden andre at bare blev blive bliver da de dem den denne
    der deres det dette dig din dine disse dog du efter eller en end er et for fra få gerne
    ham han hans har have havde hende hendes her hos hun hvad hvem hver hvilke hvilken hvis
    hvor hvordan hvornår i ikke ind jeg jer jo kan kunne man mange med meget men mig min mine
    mit mod må ned nej noget nogle nu når og også om op os over på sig sin sine sit skal skulle
    som så sådan til ud under vi vil ville vor vores være været bag flere foran mellem omkring
    uden ved
    """
)
STOP_WORDS_EN = _word_set(
    """
    a about all am an and any are as at be been being but by can could did do does doing for
    from get got had has have how i if in into it its just like me my need needs of on or
    our ours so some than that the their them then there these they this those to too up us
    very want wants was we were what when where which who why will with would you your
    """
)
STOP_WORDS = STOP_WORDS_DA | STOP_WORDS_EN


def split_words(text: str) -> list[tuple[str, str]]:
    """(folded, as written in lower case) for each word of the text; a single letter joined
    by a hyphen makes one word with its neighbour ("A-skilt" → "askilt", "p-licens")."""
    pairs = []
    for run in _HYPHENATED.findall(unicodedata.normalize("NFC", text or "").lower()):
        pieces = run.split("-")
        if len(pieces) > 1 and any(len(p) == 1 and p.isalpha() for p in pieces):
            pieces = [run]
        for raw in pieces:
            for folded in _WORD.findall(fold(raw.replace("-", ""))):
                pairs.append((folded, raw))
    return pairs


def is_content_word(folded: str) -> bool:
    return len(folded) >= 2 and folded not in STOP_WORDS


def query_words(text: str) -> list[str]:
    """The distinct content words of a query, folded, in the order typed."""
    seen: dict[str, None] = {}
    for folded, _raw in split_words(text):
        if is_content_word(folded):
            seen.setdefault(folded, None)
    return list(seen)[:MAX_QUERY_WORDS]


def typo_distance(a: str, b: str, limit: int = 1) -> int:
    """Edit distance counting a swap of two neighbours as one edit; stops above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def word_similarity(query_word: str, term: str) -> float:
    """How well a folded query word matches a folded catalogue word (see the module rule)."""
    return word_match(query_word, term)[0]


@lru_cache(maxsize=200_000)
def word_match(query_word: str, term: str) -> tuple[float, str]:
    """(quality, kind) of a folded query word against a folded catalogue word; kind is
    "exact", "stem", "typo", "part_of_query" (the catalogue word is a part of the query
    word: the query is the more precise), "part_of_term", "prefix" or "" for no match."""
    if query_word == term:
        return EXACT, "exact"
    short, long = sorted((query_word, term), key=len)
    if len(short) >= 3 and stem(query_word) == stem(term):
        return STEM, "stem"
    # A letter more at either end is a beginning or an end ("skilt", "a-skilt"), not a typo.
    affix = long.startswith(short) or long.endswith(short)
    if len(short) >= 5 and not affix and typo_distance(query_word, term) <= 1:
        return TYPO, "typo"
    if _is_part(term, query_word):
        return PART, "part_of_query"
    if _is_part(query_word, term):
        return PART, "part_of_term"
    if len(short) >= 5 and long.endswith(short):
        return PART, "part_of_query" if long == query_word else "part_of_term"
    if len(short) >= 4 and long.startswith(short):
        return PREFIX, "prefix"
    return 0.0, ""


def _is_part(word: str, compound: str) -> bool:
    if len(word) >= len(compound):
        return False
    root = stem(word)
    return any(part == word or stem(part) == root for part in parts(compound))


def content_words(text: str) -> list[str]:
    """The content words of a text, folded, in order, repeats kept (for phrases)."""
    return [w for w, _raw in split_words(text) if is_content_word(w)][: MAX_QUERY_WORDS * 2]


def use_dictionary(words) -> None:
    """Replace the compound dictionary (tests); None reads the installed one again."""
    danish_use_dictionary(words)
    word_match.cache_clear()
