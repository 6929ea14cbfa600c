"""Every save or delete of what a submission reads of the catalogue moves its version
(``CatalogueVersion``), in the same transaction: the admin's saves and inlines, the M2M
changes of its forms, the loader, the factories of the tests. Writes without signals go
through ``CatalogueQuerySet``; the loader moves the version once (``catalogue_changes``)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from routing.models import Department, ExternalAuthority

from .models import Question, QuestionChoice, RequiredDocument, Rule, Service, catalogue_changed

CATALOGUE_MODELS = (
    Service,
    RequiredDocument,
    Question,
    QuestionChoice,
    Rule,
    Department,
    ExternalAuthority,
)
CATALOGUE_LINKS = (
    Service.departments.through,
    Service.external_authorities.through,
    Rule.add_departments.through,
    Rule.add_authorities.through,
)


def _changed(sender, **kwargs) -> None:
    catalogue_changed()


def _links_changed(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        catalogue_changed()


def connect() -> None:
    for model in CATALOGUE_MODELS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"catalogue-save-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"catalogue-delete-{model}")
    for through in CATALOGUE_LINKS:
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"catalogue-m2m-{through}")
