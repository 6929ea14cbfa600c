"""Writes for the organisation: administrations, departments, authorities and memberships."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import models, transaction

from kes.constants import ROLE_GROUPS, Role

from .constants import MembershipRole
from .models import Administration, Department, DepartmentMembership, ExternalAuthority


class CatalogueError(ValueError):
    """The catalogue file is not what the loader expects; nothing was stored."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def summary(self) -> str:
        parts = [
            f"{name}: {self.created.get(name, 0)} created, {self.updated.get(name, 0)} updated"
            for name in sorted(set(self.created) | set(self.updated))
        ]
        return "; ".join(parts)


def _texts(item: Mapping, key: str, *, required: bool = True) -> dict[str, str]:
    value = item.get(key) or {}
    if not isinstance(value, Mapping):
        raise CatalogueError(f"{item.get('code')!r}: {key} must have 'da' and 'en' texts")
    texts = {lang: str(value.get(lang) or "").strip() for lang in ("da", "en")}
    if required and not all(texts.values()):
        raise CatalogueError(f"{item.get('code')!r}: {key} needs both 'da' and 'en'")
    return texts


def upsert_by_code(
    model: type[models.Model], rows: Mapping[str, dict], report: LoadReport
) -> dict[str, models.Model]:
    """Create or update ``model`` rows keyed by ``code`` in a constant number of queries.

    Rows whose values already match are left alone, so a second load changes nothing.
    """
    name = model._meta.label_lower
    existing = {obj.code: obj for obj in model.objects.filter(code__in=list(rows))}
    to_create, to_update, fields = [], [], set()
    for code, values in rows.items():
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, **values))
            continue
        changed = [f for f, v in values.items() if getattr(obj, f) != v]
        if changed:
            for f in changed:
                setattr(obj, f, values[f])
            fields.update(changed)
            to_update.append(obj)
    created = model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields))
    report.created[name] = len(created)
    report.updated[name] = len(to_update)
    if created and created[0].pk is None:  # backends without RETURNING
        existing = {obj.code: obj for obj in model.objects.filter(code__in=list(rows))}
    else:
        existing.update({obj.code: obj for obj in created})
    return existing


def _translated(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{lang}": text for lang, text in texts.items()}


@transaction.atomic
def organisation_load(*, data: Mapping, report: LoadReport | None = None) -> LoadReport:
    """Load administrations, departments and external authorities from a catalogue mapping.

    Idempotent: codes are the keys, and a second run with the same data changes nothing.
    Entries missing from the file are kept (cases may point at them).
    """
    report = report or LoadReport()
    try:
        administrations = {
            a["code"]: _translated("name", _texts(a, "name"))
            for a in data.get("administrations") or []
        }
        administration_objs = upsert_by_code(Administration, administrations, report)
        departments = {}
        for d in data.get("departments") or []:
            admin_code = d.get("administration")
            if admin_code not in administration_objs:
                raise CatalogueError(
                    f"department {d.get('code')!r}: unknown administration {admin_code!r}"
                )
            departments[d["code"]] = {
                "administration_id": administration_objs[admin_code].pk,
                "email": d.get("email") or "",
                "phone": d.get("phone") or "",
                **_translated("name", _texts(d, "name")),
                **_translated("description", _texts(d, "description", required=False)),
            }
        upsert_by_code(Department, departments, report)
        authorities = {
            a["code"]: {
                "url_hint": a.get("url_hint") or "",
                **_translated("name", _texts(a, "name")),
                **_translated("guidance", _texts(a, "guidance", required=False)),
            }
            for a in data.get("external_authorities") or []
        }
        upsert_by_code(ExternalAuthority, authorities, report)
    except KeyError as exc:
        raise CatalogueError(f"an entry has no {exc.args[0]!r}") from exc
    return report


def role_groups_ensure() -> dict[Role, Group]:
    """The groups behind group-held roles; created on first use."""
    return {role: Group.objects.get_or_create(name=name)[0] for role, name in ROLE_GROUPS.items()}


@transaction.atomic
def user_roles_grant(*, user, roles: Iterable[Role]) -> None:
    groups = role_groups_ensure()
    user.groups.add(*(groups[Role(role)] for role in roles))


@transaction.atomic
def membership_set(
    *, user, department: Department, role: MembershipRole = MembershipRole.CASEWORKER
) -> DepartmentMembership:
    membership, _ = DepartmentMembership.objects.update_or_create(
        user=user, department=department, defaults={"role": role}
    )
    return membership
