"""The guide ("Hvad skal du bruge?"): free text in Danish or English → the services that fit.

One selector for both databases, ranking the same on each: the catalogue texts of every
active service are read in one query and ordered by ``guide_ranking`` (phrases and search
terms first, then scattered words; Danish stems and compound parts from ``danish_words``).
The winners are then loaded with what the guide shows: a constant number of queries whatever
the size of the catalogue. A municipal catalogue has tens to a few hundred services, so
ranking them all on each search needs no index.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from . import guide_ranking, text_match
from .constants import ServiceKind
from .models import RequiredDocument, Service
from .selectors import active_services

MAX_QUERY_LENGTH = 200

_TEXT_FIELDS = tuple(
    f"{field}_{lang}"
    for field in ("name", "summary", "synonyms", "keywords")
    for lang in ("da", "en")
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
    rows = active_services().values("pk", "kind", *_TEXT_FIELDS)
    matches = guide_ranking.rank(query, [_document(row, language) for row in rows])[:limit]
    services = services_for_guide().in_bulk([m.key for m in matches])
    return [GuideHit(services[m.key], m.score, m.matched) for m in matches if m.key in services]


def services_for_guide():
    """Services with what a guide hit shows: documents, authorities, departments."""
    return active_services().prefetch_related(
        "departments",
        "external_authorities",
        Prefetch("required_documents", queryset=RequiredDocument.objects.order_by("position")),
    )


def _lines(row: dict, field: str, order) -> list[str]:
    return [line for lang in order for line in (row[f"{field}_{lang}"] or "").splitlines()]


def _document(row: dict, language: str) -> guide_ranking.Document:
    order = ("da", "en") if language != "en" else ("en", "da")
    return guide_ranking.Document(
        key=row["pk"],
        names=[row[f"name_{lang}"] or "" for lang in order],
        synonyms=_lines(row, "synonyms", order),
        keywords=_lines(row, "keywords", order),
        summaries=[row[f"summary_{lang}"] or "" for lang in order],
        question=row["kind"] == ServiceKind.QUESTION,
    )
