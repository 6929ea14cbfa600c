"""Reads for letters: the case as its decision letter shows it, and who may fetch a letter."""

from django.db.models import Prefetch, QuerySet

from ..constants import LetterKind, TaskKind
from ..models import Case, CaseService, DepartmentTask, Letter
from .core import cases_visible_to, receipt_cases


def case_for_decision_letter(case_id: int):
    """A case with every decision its combined letter shows, in a constant number of
    queries whatever the number of services and departments."""
    decision_tasks = (
        DepartmentTask.objects.filter(kind=TaskKind.DECISION)
        .select_related("department", "decision", "decision__decided_by")
        .order_by("pk")
    )
    return (
        Case.objects.select_related(
            "business", "immediate_answer", "star_meeting__minutes", "pilot", "pilot_summary"
        )
        .prefetch_related(
            Prefetch(
                "services",
                queryset=CaseService.objects.select_related("service").prefetch_related(
                    Prefetch("tasks", queryset=decision_tasks)
                ),
            ),
        )
        .get(pk=case_id)
    )


def letters_visible_to(queryset: QuerySet, user) -> QuerySet:
    """Letters of the cases a user may see: the rule for serving letters."""
    return queryset.filter(case__in=cases_visible_to(Case.objects.all(), user))


def receipt_page_cases() -> QuerySet[Case]:
    """Cases as the receipt page after submitting shows them: the receipt's contents and,
    once the worker has rendered it, the receipt letter (``receipt_letters``)."""
    return receipt_cases().prefetch_related(
        Prefetch(
            "letters",
            queryset=Letter.objects.filter(kind=LetterKind.RECEIPT).exclude(file=""),
            to_attr="receipt_letters",
        )
    )
