import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake.catalogue import DEFAULT_CATALOGUE
from intake.classification import specs_from_catalogue
from intake.selectors import service_specs, services_with_details
from intake.services import catalogue_load

DATA = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture
def catalogue(db):
    catalogue_load(data=DATA)


def _normalised(spec):
    return (
        spec.code,
        tuple(sorted(spec.departments)),
        spec.complexity,
        spec.immediate,
        tuple(sorted(spec.authorities)),
        tuple(
            (
                r.code,
                r.question,
                r.op,
                r.value,
                r.raise_complexity,
                tuple(sorted(r.add_departments)),
                tuple(sorted(r.add_authorities)),
                dict(r.reason),
            )
            for r in spec.rules
        ),
    )


def test_specs_from_the_database_match_the_catalogue_file(catalogue):
    from_file = specs_from_catalogue(DATA)
    from_db = service_specs(from_file)
    assert set(from_db) == set(from_file)
    for code, spec in from_file.items():
        assert _normalised(from_db[code]) == _normalised(spec), code


def test_unknown_codes_are_absent(catalogue):
    assert set(service_specs(["outdoor_serving", "no_such_service"])) == {"outdoor_serving"}


def test_specs_take_constant_queries(catalogue):
    with CaptureQueriesContext(connection) as one:
        service_specs(["outdoor_serving"])
    with CaptureQueriesContext(connection) as many:
        service_specs([s["code"] for s in DATA["services"]])
    assert len(one) == len(many)


def test_service_details_take_constant_queries(catalogue, django_assert_num_queries):
    with django_assert_num_queries(7):
        services = list(services_with_details())
        for service in services:
            list(service.departments.all())
            for question in service.questions.all():
                list(question.choices.all())
    assert len(services) == len(DATA["services"])
