"""The guide ("Hvad skal du bruge?"): free text in Danish or English → the services that fit.

One selector for both databases. The catalogue texts of every active service are read in one
query and scored by ``text_match`` (typo-tolerant keyword matching, the same on every database).
On PostgreSQL that query also carries full-text ranks (the Danish and English configurations,
so "koncerter" finds "koncert" and "concerts" finds "concert") and pg_trgm word similarity, which
add to the score. The winners are then loaded with what the guide shows: a constant number of
queries whatever the size of the catalogue. A municipal catalogue has tens to a few hundred
services, so ranking them all on each search needs no index.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Func, Prefetch, TextField, Value

from . import text_match
from .models import RequiredDocument, Service
from .selectors import active_services

MAX_QUERY_LENGTH = 200
# A full-text rank is 0–1 per language and a trigram similarity 0–1 per word, while a keyword
# hit in text_match scores about 3 × rarity (≈ 5–10): the database evidence tips close calls
# and lets stemmed matches through, but the shared scorer decides the order.
FULL_TEXT_WEIGHT = 4.0
TRIGRAM_WEIGHT = 1.0
TRIGRAM_THRESHOLD = 0.6
MAX_DATABASE_WORDS = 12

_TEXT_FIELDS = (
    "name_da",
    "name_en",
    "summary_da",
    "summary_en",
    "keywords_da",
    "keywords_en",
)


@dataclass
class GuideHit:
    service: Service
    score: float
    matched: list[str]


def guide_search(query: str, *, language: str, limit: int = 8) -> list[GuideHit]:
    """Active services that fit a free-text description, best first, with the words that matched.

    ``language`` ("da" or "en") decides which language's keywords are shown first as the reason.
    """
    query = (query or "")[:MAX_QUERY_LENGTH]
    if not text_match.query_words(query):
        return []
    rows = list(_scored_rows(query))
    documents = [_document(row, language) for row in rows]
    # The cut-off below a fifth of the best is made once the database evidence is in.
    matches = {m.key: m for m in text_match.rank(query, documents, cutoff=0.0)}

    scores: dict[int, tuple[float, list[str]]] = {}
    for row in rows:
        match = matches.get(row["pk"])
        database_score = _database_score(row)
        if match is None and database_score <= 0:
            continue
        text_score = match.score if match else 0.0
        scores[row["pk"]] = (text_score + database_score, match.matched if match else [])
    if not scores:
        return []
    floor = max(score for score, _matched in scores.values()) * text_match.RELATIVE_CUTOFF
    kept = [pk for pk in scores if scores[pk][0] >= floor]
    ranked = sorted(kept, key=lambda pk: -scores[pk][0])[:limit]
    services = services_for_guide().in_bulk(ranked)
    return [GuideHit(services[pk], scores[pk][0], scores[pk][1]) for pk in ranked if pk in services]


def services_for_guide():
    """Services with what a guide hit shows: documents, authorities, departments."""
    return active_services().prefetch_related(
        "departments",
        "external_authorities",
        Prefetch("required_documents", queryset=RequiredDocument.objects.order_by("position")),
    )


def _document(row: dict, language: str) -> text_match.Document:
    order = ("da", "en") if language != "en" else ("en", "da")
    return text_match.Document(
        key=row["pk"],
        keywords=[line for lang in order for line in (row[f"keywords_{lang}"] or "").splitlines()],
        names=[row[f"name_{lang}"] or "" for lang in order],
        summaries=[row[f"summary_{lang}"] or "" for lang in order],
    )


def _database_score(row: dict) -> float:
    trigram = sum(
        value
        for key, value in row.items()
        if key.startswith("trgm_") and value >= TRIGRAM_THRESHOLD
    )
    return FULL_TEXT_WEIGHT * row.get("full_text", 0.0) + TRIGRAM_WEIGHT * trigram


def _scored_rows(query: str):
    services = active_services()
    if connection.vendor == "postgresql":
        services = _with_postgresql_ranks(services, query)
    return services.values("pk", *_TEXT_FIELDS, *services.query.annotations)


def _with_postgresql_ranks(services, query: str):
    # Imported here: these expressions only make sense on PostgreSQL.
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVector,
        TrigramWordSimilarity,
    )

    # As typed (lower case, accents kept, "café") for the stemmers, and folded ("cafe"),
    # since people type both. Words are letters and digits only, so they are safe in a raw
    # tsquery; ":*" lets "udeservering" find "udeserveringstilladelse".
    words: dict[str, None] = {}
    for folded, raw in text_match.split_words(query):
        if text_match.is_content_word(folded):
            words.setdefault(raw, None)
            words.setdefault(folded, None)
    words_list = list(words)[:MAX_DATABASE_WORDS]
    raw_query = " | ".join(f"{word}:*" for word in words_list)

    ranks = []
    for lang, config in (("da", "danish"), ("en", "english")):
        vector = (
            SearchVector(f"keywords_{lang}", weight="A", config=config)
            + SearchVector(f"name_{lang}", weight="B", config=config)
            + SearchVector(f"summary_{lang}", weight="C", config=config)
        )
        ranks.append(SearchRank(vector, SearchQuery(raw_query, config=config, search_type="raw")))
    # CONCAT_WS skips the NULLs of a missing translation.
    searchable = Func(
        Value("\n"),
        *(F(f"{field}_{lang}") for lang in ("da", "en") for field in ("name", "keywords")),
        function="CONCAT_WS",
        output_field=TextField(),
    )
    trigrams = {
        f"trgm_{i}": TrigramWordSimilarity(word, searchable)
        for i, word in enumerate(text_match.query_words(query)[:MAX_DATABASE_WORDS])
    }
    return services.annotate(full_text=ranks[0] + ranks[1], **trigrams)
