"""How many SQL statements a submission costs (issue 12): at most 20 whatever the number of
services, with the catalogue read once and nothing read back that the transaction wrote.

Counted without SAVEPOINT / RELEASE SAVEPOINT: the test's own transaction turns the
submission's transaction into a savepoint pair, which on the site is the BEGIN and COMMIT
that Django does not log (the outbox's row is one ``INSERT … ON CONFLICT DO NOTHING``,
without a savepoint of its own: ``kes.services.notification_add``). Savepoints are counted
apart.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.constants import CaseStatus, EventKind, TaskKind, Track
from intake.models import CatalogueVersion, Question, Service
from intake.selectors import submission_catalogue
from kes.access import roles_of
from routing.models import Department
from tests.cases.helpers import A_SIGN, CONCERT, OUTDOOR, PARKING, submit_case

pytestmark = pytest.mark.django_db

# Five self-service services that go to two departments (City Use, Parking).
FIVE = {
    **OUTDOOR,
    **A_SIGN,
    **PARKING,
    "street_vending": {"vending_type": "small_mobile", "inner_city": False, "sells_food": False},
    "road_occupation": {
        "equipment_type": "container",
        "start_date": "2027-05-03",
        "duration_days": 5,
        "blocks_traffic": False,
    },
}
LIMIT = 20
SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def _submit_counted(business, user, answers):
    # A user as a request has it: loaded anew, its roles looked up by the view's access
    # check (the wizard's, the API's permission) before it submits.
    user = type(user).objects.get(pk=user.pk)
    roles_of(user)
    with CaptureQueriesContext(connection) as queries:
        case = submit_case(business, user, services=list(answers), answers=answers)
    statements = [q["sql"] for q in queries.captured_queries]
    savepoints = [sql for sql in statements if sql.lstrip().upper().startswith(SAVEPOINTS)]
    others = [sql for sql in statements if sql not in savepoints]
    return case, others, savepoints


def _warm(business, user):
    # The first submission of a process reads the catalogue (and ContentType's cache).
    submit_case(business, user)


def test_submission_costs_the_same_few_statements_for_one_and_five_services(
    business, business_user
):
    _warm(business, business_user)
    one, one_statements, one_savepoints = _submit_counted(business, business_user, OUTDOOR)
    five, five_statements, five_savepoints = _submit_counted(business, business_user, FIVE)

    assert len(one_statements) <= LIMIT, "\n".join(one_statements)
    assert len(five_statements) == len(one_statements), "\n".join(five_statements)
    assert len(one_savepoints) == len(five_savepoints) <= 2
    assert five.services.count() == 5
    assert five.tasks.filter(kind=TaskKind.DECISION).count() == 5
    assert set(five.departments.values_list("code", flat=True)) == {"city_use", "parking"}
    for case in (one, five):
        assert case.track == Track.SELF_SERVICE
        assert case.status == CaseStatus.IN_PROGRESS


def test_submission_reads_no_row_it_wrote(business, business_user):
    _warm(business, business_user)
    _case, statements, _savepoints = _submit_counted(business, business_user, FIVE)
    reads = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    # The catalogue's version and the submitter's membership; the outbox's key is written
    # without a look-up first.
    assert len(reads) == 2, "\n".join(reads)
    assert not any('FROM "kes_notification"' in sql for sql in reads)
    for table in ("cases_case", "cases_caseservice", "routing_department", "viewflow_process"):
        assert not any(f'FROM "{table}"' in sql for sql in reads), table


def test_a_case_that_starts_with_kes_stays_within_the_limit(business, business_user):
    _warm(business, business_user)
    case, statements, _savepoints = _submit_counted(business, business_user, CONCERT)
    assert case.track == Track.PILOT
    assert case.status == CaseStatus.RECEIVED
    assert len(statements) <= LIMIT, "\n".join(statements)
    task = case.tasks.get()
    assert task.kind == TaskKind.ASSIGN_PILOT and task.department.code == "kes"
    kinds = list(case.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [EventKind.RECEIVED, EventKind.CLASSIFIED, EventKind.KES_TASK_CREATED]


def test_the_catalogue_is_read_once_per_version(catalogue, django_assert_num_queries):
    submission_catalogue()
    with django_assert_num_queries(1):
        held = submission_catalogue()
    assert "outdoor_serving" in held.services and "kes" in held.departments


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda: Service.objects.filter(code="a_sign").update(is_active=False), id="update"
        ),
        pytest.param(lambda: Service.objects.get(code="a_sign").delete(), id="delete"),
    ],
)
def test_a_service_taken_out_is_unknown_at_once(business, business_user, change):
    _warm(business, business_user)
    stamp = CatalogueVersion.current()
    change()
    assert CatalogueVersion.current() != stamp
    with pytest.raises(ValidationError) as raised:
        submit_case(business, business_user, services=["a_sign"], answers=A_SIGN)
    assert "services" in raised.value.message_dict


def test_saved_questions_and_departments_reach_the_next_submission(business, business_user):
    _warm(business, business_user)
    question = Question.objects.get(service__code="a_sign", code="display_goods")
    question.required = True
    question.save()
    with pytest.raises(ValidationError) as raised:
        submit_case(business, business_user, services=["a_sign"], answers=A_SIGN)
    assert any(key.startswith("answers") for key in raised.value.message_dict)

    parking = Department.objects.get(code="parking")
    Service.objects.get(code="a_sign").departments.add(parking)
    answers = {"a_sign": {**A_SIGN["a_sign"], "display_goods": False}}
    case = submit_case(business, business_user, services=["a_sign"], answers=answers)
    assert set(case.tasks.values_list("department__code", flat=True)) == {"city_use", "parking"}
