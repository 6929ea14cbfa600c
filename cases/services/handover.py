"""What the front door hands over to create a case: plain, frozen data.

Intake owns the catalogue and the classification (DESIGN.md §3); the engine owns the case.
So intake works out, per requested service, its cleaned answers and the departments that
get a task for it, and for the request its track, complexity, departments, authorities and
reasons; ``case_create`` stores that as it is and never asks how it was found. cases never
imports intake: the catalogue row travels as an object whose attributes cases only reads.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RequestedService:
    # The catalogue row (intake.models.Service): stored by foreign key; cases reads its
    # code, target_days, target_unit and required_documents (prefetched), nothing else.
    service: Any
    answers: Mapping[str, object]
    departments: frozenset[str]


@dataclass(frozen=True)
class OutcomeReason:
    code: str
    text_da: str
    text_en: str


@dataclass(frozen=True)
class ClassificationOutcome:
    track: str
    complexity: str
    departments: tuple[str, ...]
    authorities: tuple[str, ...]
    reasons: tuple[OutcomeReason, ...]


@dataclass(frozen=True)
class KnownRows:
    """Primary keys the front door read with the catalogue, by code: every department
    (KES's included) and external authority. ``case_create`` then writes the case's rows
    without looking them up; without it, it looks them up itself (one query each)."""

    departments: Mapping[str, int]
    authorities: Mapping[str, int]
