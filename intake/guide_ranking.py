"""The guide's order: which services fit a free-text description, best first. No ORM.

The rule:
- Words match as ``text_match`` says (exact, inflection, typo, compound part, prefix); a
  prefix match counts only for a query word that no catalogue word matches better.
- A service is *named* by the query when its name or one of its search terms (synonyms)
  appears in the query as a phrase: its content words in order, each matched exactly, as an
  inflection, with a typo, or inside a compound the query wrote ("udeserveringstilladelse"
  names "udeservering"); one other word may stand between two of them ("borde og stole på
  fortovet" names "borde på fortovet"). A part of a phrase, a word-prefix, or a query word
  that is only a part of the catalogue's word names nothing. The naming strength is the sum
  of the matched words' qualities, the best phrase counting.
- Order: first the services the query names that are not question cards (permits,
  registrations, advice), then named question cards (FAQ, KES questions), then the rest;
  within each group by score. So a phrase beats any number of scattered words, and a
  question card never outranks a permit the query names.
- Score: each query word counts once per service, with its best match weighted by where it
  matched (search terms and keywords 3, name 2, summary 1) times the word's rarity across
  the catalogue (log(1 + services / services matching it)); a keyword or search term of
  several words matched in full adds 1 per word; being named adds 2 per unit of strength.
- Services not named and scoring below a fifth of the best score are noise and left out.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .text_match import (
    PREFIX,
    STOP_WORDS,
    content_words,
    fold,
    query_words,
    split_words,
    word_match,
)

TERM_WEIGHT = 3.0  # search terms and keywords
NAME_WEIGHT = 2.0
SUMMARY_WEIGHT = 1.0
PHRASE_BONUS = 1.0
NAMED_WEIGHT = 2.0
RELATIVE_CUTOFF = 0.2
PHRASE_GAP = 1
NAMING_KINDS = frozenset({"exact", "stem", "typo", "part_of_query"})

NAMED_SERVICE, NAMED_QUESTION, LOOSE = 2, 1, 0


@dataclass(frozen=True)
class Document:
    """The texts of one service; put the page language's texts first, they are shown first."""

    key: object
    names: Sequence[str] = ()
    synonyms: Sequence[str] = ()
    keywords: Sequence[str] = ()
    summaries: Sequence[str] = ()
    question: bool = False  # a question card: never above a permit the query names


@dataclass
class Match:
    key: object
    score: float
    matched: list[str] = field(default_factory=list)
    named: float = 0.0
    group: int = LOOSE


@dataclass(frozen=True)
class _Term:
    weight: float
    words: tuple[str, ...]  # folded content words
    written: tuple[str, ...]  # the same words as written, to say why
    phrase: str  # a search term or keyword as written ("" for a word of a name or summary)


def _phrase_terms(weight: float, phrases: Iterable[str]) -> list[_Term]:
    terms = []
    for phrase in phrases:
        pairs = [(w, raw) for w, raw in split_words(phrase) if w not in STOP_WORDS]
        if pairs:
            words, written = zip(*pairs, strict=True)
            terms.append(_Term(weight, words, written, phrase.strip()))
    return terms


def _terms(document: Document) -> list[_Term]:
    terms = _phrase_terms(TERM_WEIGHT, [*document.synonyms, *document.keywords])
    for weight, texts in ((NAME_WEIGHT, document.names), (SUMMARY_WEIGHT, document.summaries)):
        for text in texts:
            for folded, raw in split_words(text):
                if folded not in STOP_WORDS:
                    terms.append(_Term(weight, (folded,), (raw,), ""))
    return terms


def _similarities(words: list[str], vocabulary: set[str]) -> dict[str, dict[str, float]]:
    """similar[query word][catalogue word] for the pairs that match, prefix guesses dropped
    for a query word that matches some catalogue word better."""
    similar: dict[str, dict[str, float]] = {}
    for word in words:
        row = {}
        for w in vocabulary:
            value, _kind = word_match(word, w)
            if value:
                row[w] = value
        if any(value > PREFIX for value in row.values()):
            row = {w: value for w, value in row.items() if value > PREFIX}
        similar[word] = row
    return similar


def naming_strength(sequence: list[str], phrase: Sequence[str]) -> float:
    """How strongly the query's content words (in order) name a phrase; 0 when they do not."""
    best = 0.0
    for start in range(len(sequence)):
        total, position = 0.0, start
        for index, word in enumerate(phrase):
            limit = position + 1 if index == 0 else position + 1 + PHRASE_GAP
            found = None
            for at in range(position, min(limit, len(sequence))):
                value, kind = word_match(sequence[at], word)
                if kind in NAMING_KINDS:
                    found = (at, value)
                    break
            if found is None:
                total = 0.0
                break
            total += found[1]
            position = found[0] + 1
        best = max(best, total)
    return best


def rank(
    query: str, documents: Iterable[Document], *, cutoff: float = RELATIVE_CUTOFF
) -> list[Match]:
    """Documents that match the query, best first, with what matched (see the module rule)."""
    words = query_words(query)
    documents = list(documents)
    if not words or not documents:
        return []
    sequence = content_words(query)
    terms_per_document = [_terms(document) for document in documents]
    vocabulary = {w for terms in terms_per_document for term in terms for w in term.words}
    similar = _similarities(words, vocabulary)
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
        named, label = _named(document, sequence) if found else (0.0, "")
        found_per_document.append((document, found, bonus, named, label))

    total = len(documents)
    rarity = {
        word: math.log(
            1 + total / max(1, sum(1 for _d, found, *_rest in found_per_document if word in found))
        )
        for word in words
    }
    matches = []
    for document, found, bonus, named, label in found_per_document:
        if not found:
            continue
        weighted = {word: value * rarity[word] for word, (value, _label) in found.items()}
        labels = [found[word][1] for word in sorted(weighted, key=lambda w: -weighted[w])]
        if label:
            labels.insert(0, label)
        group = LOOSE if not named else NAMED_QUESTION if document.question else NAMED_SERVICE
        score = sum(weighted.values()) + bonus + NAMED_WEIGHT * named
        matches.append(Match(document.key, score, _distinct(labels), named, group))
    if not matches:
        return []
    matches.sort(key=lambda m: (-m.group, -m.score))
    floor = max(m.score for m in matches) * cutoff
    return [m for m in matches if m.group != LOOSE or m.score >= floor]


def _named(document: Document, sequence: list[str]) -> tuple[float, str]:
    """The naming strength of a document's best phrase, and that phrase as written."""
    best, label = 0.0, ""
    for is_name, phrases in ((True, document.names), (False, document.synonyms)):
        for term in _phrase_terms(0.0, phrases):
            strength = naming_strength(sequence, term.words)
            if strength > best:
                best, label = strength, "" if is_name else term.phrase
    return best, label


def _distinct(labels: list[str]) -> list[str]:
    """Each label once, leaving out a word already shown inside a longer label."""
    folded = [fold(label) for label in labels]
    kept: dict[str, str] = {}
    for key, label in zip(folded, labels, strict=True):
        inside_another = any(other != key and key in other.split() for other in folded)
        if not inside_another:
            kept.setdefault(key, label)
    return list(kept.values())
