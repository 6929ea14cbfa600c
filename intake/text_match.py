"""Matching a free-text description against catalogue texts (the guide), without the ORM.

The rule:
- Text is folded for matching: lower case, accents dropped ("café" → "cafe"), but æ, ø and å
  are kept because they are letters of their own in Danish ("får" is not "far").
- The query is cut into words; Danish and English stop words are dropped (people mix the two
  languages, and the page language says nothing about the language typed).
- A query word matches a catalogue word when it is equal (1.0); when one starts with the other
  and the shorter has 4+ letters (0.9 when the query word is the catalogue word inflected,
  up to 3 letters more: "parken" ~ "park"; else 0.6: a beginning or a Danish compound, and
  "park" is not quite "parking"); when one ends with the other and the shorter has
  5+ letters (0.5, "skilt" ~ "facadeskilt"); or, for words of 5+ letters, when they are one
  typo apart: one letter added, dropped, changed or two swapped (0.8, "udservering").
- Each query word counts once per service, with its best match weighted by where it matched:
  keywords 3, name 2, summary 1, times the word's rarity across the catalogue
  (log(1 + services / services matching it)), so "udeservering" counts more than "restaurant".
- A keyword phrase of several words that is matched in full adds 1 per word ("coffee shop").
- Services are ranked by score; a score below a fifth of the best is noise and left out.
"""

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

KEYWORD_WEIGHT = 3.0
NAME_WEIGHT = 2.0
SUMMARY_WEIGHT = 1.0
PHRASE_BONUS = 1.0
RELATIVE_CUTOFF = 0.2
MAX_QUERY_WORDS = 24

_WORD = re.compile(r"[^\W_]+")


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


def fold(text: str) -> str:
    """Lower case without accents, keeping æ, ø and å."""
    text = text.lower()
    if text.isascii():
        return text
    # æ and ø do not decompose; å does (a + ring), so it is put together again.
    decomposed = unicodedata.normalize("NFKD", text).replace("a\u030a", "å")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_words(text: str) -> list[tuple[str, str]]:
    """(folded, as written in lower case) for each word of the text."""
    pairs = []
    for raw in _WORD.findall(unicodedata.normalize("NFC", text or "").lower()):
        for folded in _WORD.findall(fold(raw)):
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
    if query_word == term:
        return 1.0
    short, long = sorted((query_word, term), key=len)
    if len(short) >= 4 and long.startswith(short):
        inflected = 0 < len(query_word) - len(term) <= 3
        return 0.9 if inflected else 0.6
    if len(short) >= 5 and typo_distance(query_word, term) <= 1:
        return 0.8
    if len(short) >= 5 and long.endswith(short):
        return 0.5
    return 0.0


@dataclass(frozen=True)
class Document:
    """The texts of one service; put the page language's texts first, they are shown first."""

    key: object
    keywords: Sequence[str] = ()
    names: Sequence[str] = ()
    summaries: Sequence[str] = ()


@dataclass
class Match:
    key: object
    score: float
    matched: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Term:
    weight: float
    words: tuple[str, ...]  # folded content words
    written: tuple[str, ...]  # the same words as written, to say why
    phrase: str  # the keyword phrase as written ("" for a word of a name or summary)


def _terms(document: Document) -> list[_Term]:
    terms = []
    for phrase in document.keywords:
        pairs = [(w, raw) for w, raw in split_words(phrase) if w not in STOP_WORDS]
        if pairs:
            words, written = zip(*pairs, strict=True)
            terms.append(_Term(KEYWORD_WEIGHT, words, written, phrase.strip()))
    for weight, texts in ((NAME_WEIGHT, document.names), (SUMMARY_WEIGHT, document.summaries)):
        for text in texts:
            for folded, raw in split_words(text):
                if folded not in STOP_WORDS:
                    terms.append(_Term(weight, (folded,), (raw,), ""))
    return terms


def rank(
    query: str, documents: Iterable[Document], *, cutoff: float = RELATIVE_CUTOFF
) -> list[Match]:
    """Documents that match the query, best first, with what matched (see the module rule)."""
    words = query_words(query)
    documents = list(documents)
    if not words or not documents:
        return []
    terms_per_document = [_terms(document) for document in documents]
    vocabulary = {w for terms in terms_per_document for term in terms for w in term.words}
    # similar[query word][catalogue word] for the pairs that match at all: most terms match
    # no query word and are skipped below.
    similar = {word: {} for word in words}
    for word in words:
        for w in vocabulary:
            value = word_similarity(word, w)
            if value:
                similar[word][w] = value
    relevant = {w for row in similar.values() for w in row}

    found_per_document = []
    for document, terms in zip(documents, terms_per_document, strict=True):
        found: dict[str, tuple[float, str]] = {}  # query word → (weighted similarity, label)
        bonus = 0.0
        for term in terms:
            if relevant.isdisjoint(term.words):
                continue
            whole = len(term.words) > 1 and all(
                any(similar[word].get(w, 0) >= 0.8 for word in words) for w in term.words
            )
            bonus += PHRASE_BONUS * len(term.words) if whole else 0.0
            for word in words:
                row = similar[word]
                value, index = max((row.get(w, 0.0), i) for i, w in enumerate(term.words))
                value *= term.weight
                if value > found.get(word, (0.0, ""))[0]:
                    # Say why with the keyword when all of it matched, else with the word.
                    label = term.phrase if whole or len(term.words) == 1 else ""
                    found[word] = (value, label or term.written[index])
        found_per_document.append((document, found, bonus))

    total = len(documents)
    rarity = {
        word: math.log(
            1 + total / max(1, sum(1 for _d, found, _b in found_per_document if word in found))
        )
        for word in words
    }
    matches = []
    for document, found, bonus in found_per_document:
        if not found:
            continue
        weighted = {word: value * rarity[word] for word, (value, _label) in found.items()}
        labels = [found[word][1] for word in sorted(weighted, key=lambda w: -weighted[w])]
        matches.append(Match(document.key, sum(weighted.values()) + bonus, _distinct(labels)))
    if not matches:
        return []
    matches.sort(key=lambda m: -m.score)
    floor = matches[0].score * cutoff
    return [m for m in matches if m.score >= floor]


def _distinct(labels: list[str]) -> list[str]:
    """Each label once, leaving out a word already shown inside a longer label."""
    folded = [fold(label) for label in labels]
    kept: dict[str, str] = {}
    for key, label in zip(folded, labels, strict=True):
        inside_another = any(other != key and key in other.split() for other in folded)
        if not inside_another:
            kept.setdefault(key, label)
    return list(kept.values())
