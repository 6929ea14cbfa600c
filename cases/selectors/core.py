"""Reads for businesses and cases."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role

from ..models import Business, Case, CaseService, DepartmentTask


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
    routed = DepartmentTask.objects.filter(department__memberships__user=user).values("case_id")
    return queryset.filter(
        Q(business__in=Business.objects.filter(memberships__user=user)) | Q(pk__in=routed)
    )


def case_documents_visible_to(queryset: QuerySet, user) -> QuerySet:
    """Documents of the cases a user may see: the rule for serving uploaded files."""
    return queryset.filter(case__in=cases_visible_to(Case.objects.all(), user))


def case_for_receipt(case_id: int):
    """A case with everything its receipt shows."""
    return (
        Case.objects.select_related("business", "immediate_answer")
        .prefetch_related(
            Prefetch(
                "services",
                queryset=CaseService.objects.select_related("service").prefetch_related(
                    "departments"
                ),
            ),
            "departments",
            "authorities",
            "reasons",
        )
        .get(pk=case_id)
    )


def answer_rows(row, *, every_question: bool = False) -> list[tuple[str, str]]:
    """(question, answer) pairs of a service on a case, in the catalogue's order, with
    choice labels and Yes/No in the reader's language. ``every_question`` lists unanswered
    questions too (as "–"); answers to since removed questions keep their code as label.
    Reads ``row.service.questions`` and their choices: prefetch them."""
    answers = dict(row.answers or {})
    rows = []
    for question in row.service.questions.all():
        if question.code not in answers and not every_question:
            continue
        value = answers.pop(question.code, None)
        choices = {choice.code: choice.label for choice in question.choices.all()}
        rows.append((question.label, _display(choices.get(value, value))))
    rows.extend((code, _display(value)) for code, value in answers.items())
    return rows


def _display(value) -> str:
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if value is None or value == "":
        return "–"
    return str(value)
