"""Classifying a business request into one of the five tracks (DESIGN.md §3).

A request has a channel (digital, phone or counter), the catalogue services asked for, the
answers to their questions and two flags: a star meeting requested, help requested.

What is derived:
- the departments: every department of the services, plus those that fired rules add;
- the external authorities to mention: those of the services, plus those fired rules add;
- the complexity: the highest of the services' complexities and of what fired rules raise
  (simple < complex < joint). Rules only raise complexity and only add, never remove.

A rule reads one answer of its own service and fires on gte, lte, equals or in. A missing
answer never fires a rule, and gte/lte never fire on an answer that is not a number.

The track, first match wins:
1. every service is immediate (KES settles it itself)       -> immediate
2. complexity is joint, or a star meeting is requested       -> star_meeting
3. complexity is complex, or 4 or more departments other
   than KES are involved (the number is a setting)          -> pilot
4. the channel is phone or counter, or help is requested     -> assisted
5. otherwise                                                 -> self_service

Every fired rule and the chosen track are recorded as reasons, in Danish and English.
Pure function over plain data: no ORM, so it can be table-tested and reused anywhere.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

TRACKS = ("immediate", "self_service", "assisted", "pilot", "star_meeting")
COMPLEXITIES = ("simple", "complex", "joint")
CHANNELS = ("digital", "phone", "counter")
OPERATORS = ("gte", "lte", "equals", "in")
DEFAULT_LANGUAGE = "da"


def rule_problems(
    *,
    op: str,
    value: object,
    raise_complexity: str | None = None,
    reason: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Why a rule could not be evaluated, by the field at fault; empty when it can be.

    The one check of a rule: the classifier's ``Rule`` runs it, and so do the catalogue
    loader and the admin (``intake.models.Rule.clean``), so that a rule the classifier
    would refuse is never stored and no application for its service fails. The reason's
    problems are keyed ``reason_da`` and ``reason_en``.
    """
    problems = {}
    if op not in OPERATORS:
        problems["operator"] = _("%(op)s is not a condition a rule can use.") % {"op": op}
    elif op in ("gte", "lte") and (
        isinstance(value, bool) or not isinstance(value, int | float | Decimal)
    ):
        problems["value"] = _("This condition compares numbers: enter a number, such as 10.")
    elif op == "in" and not isinstance(value, list | tuple):
        problems["value"] = _(
            'This condition needs a list of values in square brackets, such as ["a", "b"].'
        )
    if raise_complexity is not None and raise_complexity not in COMPLEXITIES:
        problems["raise_complexity"] = _("%(complexity)s is not a complexity.") % {
            "complexity": raise_complexity
        }
    for language in ("da", "en"):
        if not (reason or {}).get(language):
            problems[f"reason_{language}"] = _("The reason needs a Danish and an English text.")
    return problems


@dataclass(frozen=True)
class Rule:
    code: str
    question: str
    op: str
    value: object
    raise_complexity: str | None
    add_departments: tuple[str, ...]
    add_authorities: tuple[str, ...]
    reason: Mapping[str, str]

    def __post_init__(self):
        problems = rule_problems(
            op=self.op,
            value=self.value,
            raise_complexity=self.raise_complexity,
            reason=self.reason,
        )
        if problems:
            raise ValueError(f"rule {self.code}: {' '.join(dict.fromkeys(problems.values()))}")

    def fires(self, answer: object) -> bool:
        if _is_missing(answer):
            return False
        if self.op in ("gte", "lte"):
            number = _as_number(answer)
            if number is None:
                return False
            return number >= self.value if self.op == "gte" else number <= self.value
        if self.op == "equals":
            return _equals(answer, self.value)
        return any(_equals(answer, item) for item in self.value)


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    departments: tuple[str, ...]
    complexity: str
    immediate: bool
    authorities: tuple[str, ...]
    rules: tuple[Rule, ...]

    def __post_init__(self):
        if self.complexity not in COMPLEXITIES:
            raise ValueError(f"service {self.code}: unknown complexity {self.complexity!r}")


@dataclass(frozen=True)
class ClassificationRequest:
    channel: str
    services: tuple[ServiceSpec, ...]
    answers: Mapping[str, Mapping[str, object]]
    star_meeting_requested: bool = False
    help_requested: bool = False


@dataclass(frozen=True)
class Reason:
    code: str
    texts: Mapping[str, str]

    def text(self, language: str | None = None) -> str:
        language = language or translation.get_language() or DEFAULT_LANGUAGE
        # "en-us" and the like: the catalogue only holds the base languages.
        for candidate in (language, language.split("-")[0], DEFAULT_LANGUAGE):
            if self.texts.get(candidate):
                return self.texts[candidate]
        return next(iter(self.texts.values()), self.code)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Classification:
    track: str
    complexity: str
    departments: tuple[str, ...]
    authorities: tuple[str, ...]
    reasons: tuple[Reason, ...]


def _is_missing(answer: object) -> bool:
    return answer is None or (isinstance(answer, str) and not answer.strip())


def _as_number(answer: object) -> int | float | Decimal | None:
    # bool is an int subclass; a yes/no answer is not a quantity.
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int | float | Decimal):
        return answer
    if isinstance(answer, str):
        try:
            number = Decimal(answer.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def _equals(answer: object, value: object) -> bool:
    if isinstance(value, bool):
        # Form posts carry "true"/"false"; anything else (1, "yes") is not a boolean answer.
        if isinstance(answer, str):
            answer = {"true": True, "false": False}.get(answer.strip().lower())
        return isinstance(answer, bool) and answer is value
    # Keep True from matching 1 (and False from matching 0).
    if isinstance(answer, bool):
        return False
    return answer == value


# Texts of the track reasons; {others} and {threshold} are filled in for the department count.
TRACK_TEXTS = {
    "track_immediate": (
        "Alle ydelser kan afklares af KES med det samme.",
        "Every service can be settled by KES at once.",
    ),
    "track_star_meeting_joint": (
        "Sagen er en fælles sag og vurderes af visitationsudvalget til et stjernemøde.",
        "The case is a joint case; the triage committee considers it for a star meeting.",
    ),
    "track_star_meeting_requested": (
        "Der er bedt om et stjernemøde; visitationsudvalget tager stilling.",
        "A star meeting was requested; the triage committee decides.",
    ),
    "track_pilot_complex": (
        "Sagen er kompleks, så virksomheden tilbydes en virksomhedslods.",
        "The case is complex, so the business is offered a business pilot.",
    ),
    "track_pilot_departments": (
        "Sagen involverer {others} fagcentre ud over KES (grænsen er {threshold}), "
        "så virksomheden tilbydes en virksomhedslods.",
        "The case involves {others} departments besides KES (the threshold is {threshold}), "
        "so the business is offered a business pilot.",
    ),
    "track_assisted_channel": (
        "Henvendelsen kom via telefon eller skranke, så KES hjælper med ansøgningen.",
        "The request came by phone or at the counter, so KES helps with the application.",
    ),
    "track_assisted_help": (
        "Virksomheden har bedt om hjælp, så KES hjælper med ansøgningen.",
        "The business asked for help, so KES helps with the application.",
    ),
    "track_self_service": (
        "Virksomheden kan selv søge digitalt.",
        "The business can apply digitally on its own.",
    ),
}


def _choose_track(
    request: ClassificationRequest, complexity: str, others: int, threshold: int
) -> tuple[str, str]:
    """The track and the code of its reason: the first rule of DESIGN.md §3 that matches."""
    if all(service.immediate for service in request.services):
        return "immediate", "track_immediate"
    if complexity == "joint":
        return "star_meeting", "track_star_meeting_joint"
    if request.star_meeting_requested:
        return "star_meeting", "track_star_meeting_requested"
    if complexity == "complex":
        return "pilot", "track_pilot_complex"
    if others >= threshold:
        return "pilot", "track_pilot_departments"
    if request.channel in ("phone", "counter"):
        return "assisted", "track_assisted_channel"
    if request.help_requested:
        return "assisted", "track_assisted_help"
    return "self_service", "track_self_service"


def classify(
    request: ClassificationRequest,
    *,
    pilot_department_threshold: int = 4,
    kes_department: str = "kes",
) -> Classification:
    if not request.services:
        raise ValueError("a request asks for at least one service")
    if request.channel not in CHANNELS:
        raise ValueError(f"unknown channel {request.channel!r}")

    departments: set[str] = set()
    authorities: set[str] = set()
    level = 0
    reasons: list[Reason] = []
    seen: set[str] = set()
    for service in request.services:
        # A service asked for twice is still one service: its rules fire once.
        if service.code in seen:
            continue
        seen.add(service.code)
        departments.update(service.departments)
        authorities.update(service.authorities)
        level = max(level, COMPLEXITIES.index(service.complexity))
        answers = request.answers.get(service.code) or {}
        for rule in service.rules:
            if not rule.fires(answers.get(rule.question)):
                continue
            if rule.raise_complexity is not None:
                level = max(level, COMPLEXITIES.index(rule.raise_complexity))
            departments.update(rule.add_departments)
            authorities.update(rule.add_authorities)
            reasons.append(Reason(code=rule.code, texts=dict(rule.reason)))

    complexity = COMPLEXITIES[level]
    others = len(departments - {kes_department})
    track, code = _choose_track(request, complexity, others, pilot_department_threshold)
    da, en = (
        text.format(others=others, threshold=pilot_department_threshold)
        for text in TRACK_TEXTS[code]
    )
    reasons.append(Reason(code=code, texts={"da": da, "en": en}))
    return Classification(
        track=track,
        complexity=complexity,
        departments=tuple(sorted(departments)),
        authorities=tuple(sorted(authorities)),
        reasons=tuple(reasons),
    )


def specs_from_catalogue(data: Mapping) -> dict[str, ServiceSpec]:
    specs: dict[str, ServiceSpec] = {}
    for service in data.get("services") or ():
        code = service["code"]
        rules = []
        for index, raw in enumerate(service.get("rules") or (), start=1):
            when, then = raw["when"], raw.get("then") or {}
            ops = [op for op in OPERATORS if op in when]
            if len(ops) != 1:
                raise ValueError(f"{code}.rule{index}: needs exactly one of {OPERATORS}")
            value = when[ops[0]]
            rules.append(
                Rule(
                    code=f"{code}.rule{index}",
                    question=when["question"],
                    op=ops[0],
                    value=tuple(value) if isinstance(value, list) else value,
                    raise_complexity=then.get("complexity"),
                    add_departments=tuple(then.get("add_departments") or ()),
                    add_authorities=tuple(then.get("add_authorities") or ()),
                    reason=dict(raw.get("reason") or {}),
                )
            )
        specs[code] = ServiceSpec(
            code=code,
            departments=tuple(service.get("departments") or ()),
            complexity=service.get("complexity") or "simple",
            immediate=bool(service.get("immediate")),
            authorities=tuple(service.get("external_authorities") or ()),
            rules=tuple(rules),
        )
    return specs
