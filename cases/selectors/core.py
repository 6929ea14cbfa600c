"""Reads for businesses and cases."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from kes.access import has_role
from kes.answer_text import answer_text
from kes.constants import Role

from ..models import Business, BusinessMembership, Case, CaseService, DepartmentTask
from ..permissions import department_ids_of


def businesses_of(user) -> QuerySet[Business]:
    if not user.is_authenticated:
        return Business.objects.none()
    return Business.objects.filter(memberships__user=user).order_by("name")


def business_by_cvr(cvr: str) -> Business | None:
    return Business.objects.filter(cvr=cvr).first()


def businesses_visible_to(queryset: QuerySet[Business], user) -> QuerySet[Business]:
    """Businesses a user may see: their own; KES staff, pilots and managers see all."""
    if has_role(user, Role.KES_STAFF, Role.PILOT, Role.MANAGER, Role.ADMINISTRATOR):
        return queryset
    return queryset.filter(memberships__user=user) if user.is_authenticated else queryset.none()


# Who sees every case: the front desk, pilots, the triage committee, managers and
# administrators work across all departments.
CASE_WIDE_ROLES = (Role.KES_STAFF, Role.PILOT, Role.TRIAGE, Role.MANAGER, Role.ADMINISTRATOR)


def cases_visible_to(queryset: QuerySet, user) -> QuerySet:
    """Cases a user may see: those of their own businesses, those with a task in a
    department they work in, and all of them for KES-wide roles. Anything else is a 404."""
    if not user.is_authenticated:
        return queryset.none()
    if has_role(user, *CASE_WIDE_ROLES):
        return queryset
    # Staff have no businesses and business users no departments: then the rule is one
    # condition, an EXISTS the planner turns into a semi-join (walking the list's index
    # with a probe per case for a page, hashing the tasks for a count) or an index lookup
    # by business. ``IN (…) OR id IN (…)``, and even OR-ed EXISTS, are costed per row of
    # the whole table instead. The departments are cached for the request.
    businesses = list(
        BusinessMembership.objects.filter(user=user).values_list("business_id", flat=True)
    )
    departments = department_ids_of(user)
    routed = Exists(
        DepartmentTask.objects.filter(case_id=OuterRef("pk"), department_id__in=departments)
    )
    if businesses and departments:
        return queryset.filter(Q(business_id__in=businesses) | routed)
    if departments:
        return queryset.filter(routed)
    return queryset.filter(business_id__in=businesses)  # none without businesses


def case_documents_visible_to(queryset: QuerySet, user) -> QuerySet:
    """Documents of the cases a user may see: the rule for serving uploaded files."""
    return queryset.filter(case__in=cases_visible_to(Case.objects.all(), user))


def receipt_cases():
    """Cases with everything their receipt shows, in a fixed number of queries whatever the
    number of services (the letter, the mail and the receipt page after submitting)."""
    return Case.objects.select_related("business", "immediate_answer").prefetch_related(
        Prefetch(
            "services",
            queryset=CaseService.objects.select_related("service")
            .prefetch_related("departments")
            .order_by("position"),
        ),
        "departments",
        "authorities",
        "reasons",
    )


def case_for_receipt(case_id: int):
    """A case with everything its receipt shows."""
    return receipt_cases().get(pk=case_id)


def answer_rows(row, *, every_question: bool = False) -> list[tuple[str, str]]:
    """(question, answer) pairs of a service on a case, in the catalogue's order, with
    choice labels, Yes/No, dates and periods as ``kes.answer_text`` shows them in the
    active language. ``every_question`` lists unanswered
    questions too (as "–"); answers to since removed questions keep their code as label.
    Reads ``row.service.questions`` and their choices: prefetch them."""
    answers = dict(row.answers or {})
    rows = []
    for question in row.service.questions.all():
        if question.code not in answers and not every_question:
            continue
        value = answers.pop(question.code, None)
        choices = {choice.code: choice.label for choice in question.choices.all()}
        rows.append((question.label, answer_text(choices.get(value, value), question.type)))
    rows.extend((code, answer_text(value)) for code, value in answers.items())
    return rows
