"""Writes for the service catalogue."""

from collections.abc import Iterable, Mapping

from django.db import models, transaction

from cases.constants import Complexity
from routing.constants import TargetUnit
from routing.models import Department, ExternalAuthority
from routing.services import CatalogueError, LoadReport, organisation_load, upsert_by_code

from ..classification import rule_problems
from ..constants import QuestionType, RuleOperator, ServiceKind, ServiceTopic
from ..models import (
    FAQ,
    Question,
    QuestionChoice,
    RequiredDocument,
    Rule,
    Service,
    catalogue_changed,
    catalogue_changes,
)

LANGS = ("da", "en")


def _texts(owner: str, value, *, required: bool = True) -> dict[str, str]:
    if not isinstance(value, Mapping):
        if required or value:
            raise CatalogueError(f"{owner}: needs 'da' and 'en' texts")
        value = {}
    texts = {lang: str(value.get(lang) or "").strip() for lang in LANGS}
    if required and not all(texts.values()):
        raise CatalogueError(f"{owner}: needs both 'da' and 'en'")
    return texts


def _translated(field: str, texts: Mapping[str, str]) -> dict[str, str]:
    return {f"{field}_{lang}": texts[lang] for lang in LANGS}


def _choice(owner: str, value, choices, default=None):
    value = default if value is None else value
    if value not in choices.values:
        raise CatalogueError(f"{owner}: {value!r} is not one of {', '.join(choices.values)}")
    return value


def _sync_children(
    model: type[models.Model],
    parent: str,
    key: str,
    wanted: Mapping[tuple[int, object], dict],
    parent_ids: Iterable[int],
    report: LoadReport,
) -> dict[tuple[int, object], models.Model]:
    """Make ``model``'s rows under ``parent_ids`` exactly ``wanted`` (keyed by parent, key).

    Unchanged rows are left alone, so loading the same file twice writes nothing.
    """
    name = model._meta.label_lower
    parent_ids = list(parent_ids)
    existing = {
        (getattr(obj, f"{parent}_id"), getattr(obj, key)): obj
        for obj in model.objects.filter(**{f"{parent}_id__in": parent_ids})
    }
    stale = [obj.pk for k, obj in existing.items() if k not in wanted]
    to_create, to_update, fields = [], [], set()
    for k, values in wanted.items():
        obj = existing.get(k)
        if obj is None:
            to_create.append(model(**{f"{parent}_id": k[0], key: k[1]}, **values))
            continue
        changed = [f for f, v in values.items() if getattr(obj, f) != v]
        for f in changed:
            setattr(obj, f, values[f])
        if changed:
            fields.update(changed)
            to_update.append(obj)
    if stale:
        model.objects.filter(pk__in=stale).delete()
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields))
    report.created[name] = report.created.get(name, 0) + len(to_create)
    report.updated[name] = report.updated.get(name, 0) + len(to_update) + len(stale)
    if not to_create:
        return {k: v for k, v in existing.items() if k in wanted}
    return {
        (getattr(obj, f"{parent}_id"), getattr(obj, key)): obj
        for obj in model.objects.filter(**{f"{parent}_id__in": parent_ids})
    }


def _sync_m2m(field, wanted: set[tuple[int, int]], owner_ids: Iterable[int], report: LoadReport):
    """Make the pairs of a many-to-many field under ``owner_ids`` exactly ``wanted``."""
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    rows = through.objects.filter(**{f"{source}_id__in": list(owner_ids)})
    existing = {(getattr(r, f"{source}_id"), getattr(r, f"{target}_id")): r.pk for r in rows}
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    missing = [pair for pair in wanted if pair not in existing]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    through.objects.bulk_create(
        [through(**{f"{source}_id": s, f"{target}_id": t}) for s, t in missing]
    )
    if stale or missing:
        name = f"{field.model._meta.label_lower}.{field.name}"
        report.updated[name] = report.updated.get(name, 0) + len(stale) + len(missing)


def _lines(texts) -> dict[str, str]:
    """A bilingual list of words ({da: [...], en: [...]}) as one line per word."""
    return {lang: "\n".join((texts or {}).get(lang) or []) for lang in LANGS}


def _lookup(mapping: Mapping[str, models.Model], codes, owner: str, what: str) -> list[int]:
    ids = []
    for code in codes or []:
        if code not in mapping:
            raise CatalogueError(f"{owner}: unknown {what} {code!r}")
        ids.append(mapping[code].pk)
    return ids


@transaction.atomic
def catalogue_load(*, data: Mapping) -> LoadReport:
    """Load the whole catalogue: organisation, then services with their questions, rules,
    documents and FAQ. Idempotent; a service left out of the file is deactivated, not deleted
    (cases refer to it). The catalogue's version moves once, in the same transaction (its
    M2M and organisation writes send no signals); loading an unchanged file writes nothing."""
    with catalogue_changes():
        report = _catalogue_load(data)
        if report.changed:
            catalogue_changed()
    return report


def _catalogue_load(data: Mapping) -> LoadReport:
    report = organisation_load(data=data)
    departments = {d.code: d for d in Department.objects.all()}
    authorities = {a.code: a for a in ExternalAuthority.objects.all()}
    items = data.get("services") or []
    try:
        rows = {}
        for item in items:
            code = item["code"]
            target = item.get("target") or {}
            if target and not isinstance(target.get("days"), int):
                raise CatalogueError(f"service {code!r}: target needs whole 'days'")
            rows[code] = {
                "kind": _choice(code, item.get("kind"), ServiceKind),
                # The topic the wizard groups the service under; none puts it under "other".
                "topic": _choice(code, item.get("topic"), ServiceTopic)
                if item.get("topic")
                else "",
                "self_service": bool(item.get("self_service")),
                "complexity": _choice(code, item.get("complexity"), Complexity, Complexity.SIMPLE),
                "immediate": bool(item.get("immediate")),
                "target_days": target.get("days"),
                "target_unit": target.get("unit") or TargetUnit.BUSINESS,
                "is_active": True,
                **_translated("name", _texts(code, item.get("name"))),
                **_translated("summary", _texts(code, item.get("summary"), required=False)),
                **_translated(
                    "complaint", _texts(f"{code}.complaint", item.get("complaint"), required=False)
                ),
                **_translated("synonyms", _lines(item.get("synonyms"))),
                **_translated("keywords", _lines(item.get("keywords"))),
            }
    except KeyError as exc:
        raise CatalogueError(f"a service has no {exc.args[0]!r}") from exc
    services = upsert_by_code(Service, rows, report)
    retired = list(
        Service.objects.exclude(code__in=list(rows))
        .filter(is_active=True)
        .values_list("pk", flat=True)
    )
    if retired:
        Service.objects.filter(pk__in=retired).update(is_active=False)
        report.updated["intake.service"] += len(retired)
    service_ids = [s.pk for s in services.values()]

    docs, questions, faqs = {}, {}, {}
    for item in items:
        sid = services[item["code"]].pk
        for pos, doc in enumerate(item.get("required_documents") or [], start=1):
            docs[(sid, doc["code"])] = {
                "position": pos,
                **_translated("name", _texts(f"{item['code']}.{doc['code']}", doc.get("name"))),
            }
        for pos, q in enumerate(item.get("questions") or [], start=1):
            owner = f"{item['code']}.{q.get('code')}"
            questions[(sid, q["code"])] = {
                "type": _choice(owner, q.get("type"), QuestionType),
                "required": bool(q.get("required")),
                "position": pos,
                **_translated("label", _texts(owner, q.get("label"))),
            }
        for pos, faq in enumerate(item.get("faq") or [], start=1):
            owner = f"{item['code']}.faq{pos}"
            faqs[(sid, pos)] = {
                **_translated("question", _texts(owner, faq.get("q"))),
                **_translated("answer", _texts(owner, faq.get("a"))),
            }
    _sync_children(RequiredDocument, "service", "code", docs, service_ids, report)
    _sync_children(FAQ, "service", "position", faqs, service_ids, report)
    question_objs = _sync_children(Question, "service", "code", questions, service_ids, report)

    choices, rules, rule_targets = {}, {}, {}
    for item in items:
        sid = services[item["code"]].pk
        for q in item.get("questions") or []:
            qid = question_objs[(sid, q["code"])].pk
            for pos, choice in enumerate(q.get("choices") or [], start=1):
                owner = f"{item['code']}.{q['code']}.{choice.get('code')}"
                choices[(qid, choice["code"])] = {
                    "position": pos,
                    **_translated("label", _texts(owner, choice.get("label"))),
                }
        for pos, rule in enumerate(item.get("rules") or [], start=1):
            owner = f"{item['code']}.rule{pos}"
            when, then = rule.get("when") or {}, rule.get("then") or {}
            ops = [op for op in RuleOperator.values if op in when]
            if len(ops) != 1 or (sid, when.get("question")) not in question_objs:
                raise CatalogueError(f"{owner}: needs one known question and one condition")
            reason = _texts(owner, rule.get("reason"))
            problems = rule_problems(op=ops[0], value=when[ops[0]], reason=reason)
            if problems:
                raise CatalogueError(f"{owner}: {' '.join(dict.fromkeys(problems.values()))}")
            rules[(sid, pos)] = {
                "question_id": question_objs[(sid, when["question"])].pk,
                "operator": ops[0],
                "value": when[ops[0]],
                "raise_complexity": (
                    _choice(owner, then["complexity"], Complexity) if then.get("complexity") else ""
                ),
                **_translated("reason", reason),
            }
            rule_targets[(sid, pos)] = (
                _lookup(departments, then.get("add_departments"), owner, "department"),
                _lookup(authorities, then.get("add_authorities"), owner, "authority"),
            )
    _sync_children(
        QuestionChoice, "question", "code", choices, [q.pk for q in question_objs.values()], report
    )
    rule_objs = _sync_children(Rule, "service", "position", rules, service_ids, report)

    service_departments, service_authorities = set(), set()
    for item in items:
        sid = services[item["code"]].pk
        owner = f"service {item['code']!r}"
        service_departments |= {
            (sid, d) for d in _lookup(departments, item.get("departments"), owner, "department")
        }
        service_authorities |= {
            (sid, a)
            for a in _lookup(authorities, item.get("external_authorities"), owner, "authority")
        }
    _sync_m2m(Service._meta.get_field("departments"), service_departments, service_ids, report)
    _sync_m2m(
        Service._meta.get_field("external_authorities"), service_authorities, service_ids, report
    )
    rule_ids = [r.pk for r in rule_objs.values()]
    _sync_m2m(
        Rule._meta.get_field("add_departments"),
        {(rule_objs[k].pk, d) for k, (ds, _) in rule_targets.items() for d in ds},
        rule_ids,
        report,
    )
    _sync_m2m(
        Rule._meta.get_field("add_authorities"),
        {(rule_objs[k].pk, a) for k, (_, auths) in rule_targets.items() for a in auths},
        rule_ids,
        report,
    )
    return report
