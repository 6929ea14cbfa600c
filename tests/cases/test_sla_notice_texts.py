"""What a service-target notice says: one task by name, several by a count and the first
five references, in the reader's language; notices written before the sweep listed several
tasks (one task, its reference in the payload) still read as before."""

import pytest
from django.utils import translation

from cases.constants import TaskKind
from cases.sla.services import NOTICE_BREACH, NOTICE_WARNING
from kes.models import Notice
from kes.notices import notice_texts
from tests.cases.helpers import OUTDOOR, submit_case
from tests.factories import UserFactory


@pytest.fixture
def tasks(business, business_user):
    cases = [submit_case(business, business_user, ["outdoor_serving"], OUTDOOR) for _ in range(7)]
    return [case.tasks.get(kind=TaskKind.DECISION) for case in cases]


def _notice(kind, payload):
    return Notice.objects.create(
        recipient=UserFactory(), kind=kind, key=f"t:{Notice.objects.count()}", payload=payload
    )


def _text(notice, language):
    with translation.override(language):
        return notice_texts([notice])[0]


@pytest.mark.parametrize(
    ("language", "count", "kind", "start"),
    [
        ("en", 2, NOTICE_WARNING, "2 tasks have used most of their service target: "),
        ("da", 2, NOTICE_WARNING, "2 opgaver har brugt det meste af deres servicemål: "),
        ("en", 7, NOTICE_BREACH, "7 tasks have passed their service target: "),
        ("da", 7, NOTICE_BREACH, "7 opgaver har overskredet deres servicemål: "),
    ],
)
def test_a_notice_of_several_tasks_counts_them_and_names_five(tasks, language, count, kind, start):
    ids = [task.pk for task in tasks[:count]]
    notice = _notice(kind, {"tasks": ids[:5], "count": count, "milestone": "warning"})
    text = _text(notice, language)
    assert text.startswith(start)
    named = [task.case.reference for task in tasks[: min(count, 5)]]
    assert all(reference in text for reference in named)
    if count > 5:
        more = {"en": " and 2 more.", "da": " og 2 mere."}[language]
        assert text.endswith(more)
        assert tasks[5].case.reference not in text
    else:
        assert text.endswith(f"{named[-1]}.")


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "most of the service target is used"), ("da", "servicemål")],
)
def test_a_notice_of_one_task_names_its_case_service_and_deadline(tasks, language, words):
    task = tasks[0]
    notice = _notice(NOTICE_WARNING, {"tasks": [task.pk], "count": 1, "milestone": "warning"})
    text = _text(notice, language)
    assert text.startswith(task.case.reference)
    assert words in text
    assert str(task.deadline.year) in text


def test_an_older_notice_of_one_task_reads_as_before(tasks):
    task = tasks[0]
    payload = {"task": task.pk, "reference": "KES-OLD-1", "deadline": "2026-04-24"}
    text = _text(_notice(NOTICE_BREACH, payload), "en")
    assert text.startswith("KES-OLD-1 – ")
    assert "The deadline was Friday 24 April 2026." in text


def test_a_notice_whose_tasks_are_gone_still_reads(db):
    notice = _notice(NOTICE_WARNING, {"tasks": [987654321, 987654322], "count": 2})
    assert _text(notice, "en").startswith("2 tasks have used most of their service target")


def test_two_tasks_of_one_case_name_the_case_once(tasks):
    task = tasks[0]
    other = type(task).objects.create(
        case=task.case,
        department_id=task.department_id,
        kind=TaskKind.TRIAGE,
        received_on=task.received_on,
    )
    notice = _notice(NOTICE_WARNING, {"tasks": [task.pk, other.pk], "count": 2})
    text = _text(notice, "en")
    assert text == (f"2 tasks have used most of their service target: {task.case.reference}.")
