"""Reads of the service catalogue."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from routing.models import Administration, Department, ExternalAuthority

from .answers import QuestionSpec
from .classification import Rule as RuleSpec
from .classification import ServiceSpec
from .constants import ServiceKind
from .models import CatalogueVersion, Question, Rule, Service, SubmittedDraft


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(is_active=True)


def services_with_details() -> QuerySet[Service]:
    """Services with everything a service page, the wizard or the API shows; a constant
    number of queries whatever the number of services."""
    return active_services().prefetch_related(
        "departments",
        "external_authorities",
        "required_documents",
        "faqs",
        Prefetch("questions", queryset=Question.objects.prefetch_related("choices")),
    )


def _rules_with_targets() -> QuerySet[Rule]:
    return Rule.objects.select_related("question").prefetch_related(
        "add_departments", "add_authorities"
    )


def service_specs(codes: Iterable[str]) -> dict[str, ServiceSpec]:
    """The classification view of the given active services, keyed by code (unknown codes
    are simply absent, so callers can report them)."""
    services = (
        active_services()
        .filter(code__in=list(codes))
        .prefetch_related(
            "departments",
            "external_authorities",
            Prefetch("rules", queryset=_rules_with_targets()),
        )
    )
    return {service.code: to_spec(service) for service in services}


def to_spec(service: Service) -> ServiceSpec:
    return ServiceSpec(
        code=service.code,
        departments=tuple(d.code for d in service.departments.all()),
        complexity=service.complexity,
        immediate=service.immediate,
        authorities=tuple(a.code for a in service.external_authorities.all()),
        rules=tuple(
            RuleSpec(
                code=f"{service.code}.rule{rule.position}",
                question=rule.question.code,
                op=rule.operator,
                value=tuple(rule.value) if isinstance(rule.value, list) else rule.value,
                raise_complexity=rule.raise_complexity or None,
                add_departments=tuple(d.code for d in rule.add_departments.all()),
                add_authorities=tuple(a.code for a in rule.add_authorities.all()),
                reason={"da": rule.reason_da, "en": rule.reason_en},
            )
            for rule in service.rules.all()
        ),
    )


def question_specs_of(services: Iterable[Service]) -> dict[str, tuple[QuestionSpec, ...]]:
    """The answer-cleaning view of services loaded with their questions and choices."""
    return {
        service.code: tuple(
            QuestionSpec(
                code=question.code,
                type=question.type,
                required=question.required,
                choices=tuple(choice.code for choice in question.choices.all()),
            )
            for question in service.questions.all()
        )
        for service in services
    }


@dataclass(frozen=True)
class SubmissionCatalogue:
    """What a submission reads of the catalogue, for every active service at once.

    ``services``: the rows (with questions, choices and required documents prefetched), which
    the case stores and checks documents against; ``questions``: the answer-cleaning view;
    ``specs``: the classification view (rules, departments, authorities); ``departments`` and
    ``authorities``: every code's primary key in the order the catalogue lists them, KES's
    department included, so the case's rows are written without looking them up again.
    Shared between requests: read it, never change it.
    """

    stamp: str | None
    services: Mapping[str, Service]
    questions: Mapping[str, tuple[QuestionSpec, ...]]
    specs: Mapping[str, ServiceSpec]
    departments: Mapping[str, int]
    authorities: Mapping[str, int]


def _submission_catalogue_read(stamp: str | None) -> SubmissionCatalogue:
    services = list(
        active_services()
        .prefetch_related(
            "departments",
            "external_authorities",
            "required_documents",
            Prefetch("questions", queryset=Question.objects.prefetch_related("choices")),
            Prefetch("rules", queryset=_rules_with_targets()),
        )
        .order_by()
    )
    return SubmissionCatalogue(
        stamp=stamp,
        services={service.code: service for service in services},
        questions=question_specs_of(services),
        specs={service.code: to_spec(service) for service in services},
        departments=dict(Department.objects.values_list("code", "pk")),
        authorities=dict(ExternalAuthority.objects.values_list("code", "pk")),
    )


# The last catalogue this process read, with the version stamp it was read under.
_submission_catalogue: SubmissionCatalogue | None = None


def submission_catalogue() -> SubmissionCatalogue:
    """The catalogue of a submission: one query (the version's stamp) while this process
    holds the catalogue of that stamp, else read anew with eleven more: the services, their
    departments, authorities, documents, questions, choices and rules (with their question),
    the rules' departments and authorities, and every department's and authority's key.

    Correct across processes: every catalogue write moves the stamp in its own transaction
    (``intake.models.CatalogueVersion``), so a process that sees the stamp it cached under
    sees no newer catalogue. Without a stamp row (a flushed test database) nothing is kept.
    """
    global _submission_catalogue
    stamp = CatalogueVersion.current()
    cached = _submission_catalogue
    if stamp is not None and cached is not None and cached.stamp == stamp:
        return cached
    catalogue = _submission_catalogue_read(stamp)
    if stamp is not None:
        _submission_catalogue = catalogue
    return catalogue


def service_for_page(code: str) -> Service | None:
    return services_with_details().filter(code=code).first()


def services_by_kind() -> list[tuple[str, list[Service]]]:
    """Active services grouped by kind, in the kinds' order, for the public index."""
    services = list(active_services().prefetch_related("departments"))
    groups = []
    for kind in ServiceKind:
        members = sorted((s for s in services if s.kind == kind), key=lambda s: s.name)
        if members:
            groups.append((kind.label, members))
    return groups


def directory() -> QuerySet:
    """Administrations with their departments and what each department decides."""
    departments = Department.objects.prefetch_related(
        Prefetch("services", queryset=active_services(), to_attr="active_services")
    )
    return Administration.objects.prefetch_related(Prefetch("departments", queryset=departments))


def drafts_visible_to(queryset, user):
    """A draft is its author's alone (a KES colleague cannot continue someone else's)."""
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(owner=user)


def submitted_draft_for(user, draft_id) -> SubmittedDraft | None:
    """What became of a draft its owner sent (None for anyone else, or a draft not sent)."""
    if not user.is_authenticated:
        return None
    return SubmittedDraft.objects.select_related("case").filter(pk=draft_id, owner=user).first()


def wizard_services(codes) -> list[Service]:
    """The chosen services in the order chosen, with their questions and documents."""
    by_code = {
        s.code: s
        for s in active_services()
        .filter(code__in=list(codes))
        .prefetch_related(
            "departments",
            "required_documents",
            Prefetch("questions", queryset=Question.objects.prefetch_related("choices")),
        )
    }
    return [by_code[c] for c in codes if c in by_code]
