"""The business's case page names the other authorities, and after a rejection offers to
apply again with corrections: a new draft prefilled from the case, for the case's business
only, with an event on the old case."""

import pytest
from django.urls import reverse
from django.utils import translation

from cases.constants import EventKind, Outcome
from cases.models import CaseEvent
from intake.models import ApplicationDraft
from tests.cases.helpers import APPROVE, OUTDOOR, decide_all, submit_case

WITH_ALCOHOL = {"outdoor_serving": {**OUTDOOR["outdoor_serving"], "serves_alcohol": "true"}}
REJECT = {
    "outcome": Outcome.REJECTED,
    "statement": "Afslag: arealet er for stort.",
    "provisions": "Vejloven kræver fri passage.",
    "way_forward": "Søg om højst 20 m².",
    "alternatives": "Brug gården.",
    "complaint": "Klag til Vejdirektoratet inden fire uger.",
}


def _path(name, *args):
    with translation.override("da"):
        return reverse(name, args=args)


@pytest.fixture
def case(business, business_user):
    return submit_case(
        business,
        business_user,
        ["outdoor_serving"],
        WITH_ALCOHOL,
        description="Udeservering med 12 borde",
        help_requested=True,
    )


@pytest.fixture
def rejected(case):
    decide_all(case, REJECT)
    return case


def test_the_case_page_names_the_other_authorities_and_what_to_do(client, business_user, case):
    client.force_login(business_user)
    html = client.get(f"/en{_path('my_case_detail', case.reference)}").content.decode()
    assert 'data-authority="police"' in html
    assert "Copenhagen Police" in html
    assert "Apply to the police in good time" in html


def test_a_case_without_authorities_shows_no_authorities_section(client, business, business_user):
    case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    client.force_login(business_user)
    html = client.get(_path("my_case_detail", case.reference)).content.decode()
    assert "data-authorities" not in html


def test_only_a_rejected_case_offers_to_apply_again(client, business_user, case):
    client.force_login(business_user)
    url = _path("my_case_detail", case.reference)
    assert "data-apply-again" not in client.get(url).content.decode()
    decide_all(case, APPROVE)
    assert "data-apply-again" not in client.get(url).content.decode()
    # An approved case has nothing to correct: the address does not exist for it.
    assert client.post(_path("application_again", case.reference)).status_code == 404
    assert not ApplicationDraft.objects.exists()


def test_apply_again_opens_the_wizard_on_a_draft_prefilled_from_the_case(
    client, business_user, rejected
):
    client.force_login(business_user)
    page = client.get(_path("my_case_detail", rejected.reference)).content.decode()
    assert "data-apply-again" in page
    assert f'action="{_path("application_again", rejected.reference)}"' in page

    response = client.post(_path("application_again", rejected.reference))
    draft = ApplicationDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _path("application_step", draft.pk, "services")
    assert draft.owner == business_user
    assert draft.business == rejected.business
    assert draft.services == ["outdoor_serving"]
    assert draft.answers == {"outdoor_serving": rejected.services.get().answers}
    assert draft.answers["outdoor_serving"]["area_m2"] == 20
    assert draft.description == "Udeservering med 12 borde"
    assert draft.help_requested is True
    assert not draft.documents.exists()
    # The wizard opens on it, with the answers filled in.
    assert client.get(response["Location"]).status_code == 200
    answers = client.get(_path("application_step", draft.pk, "answers-outdoor_serving"))
    assert 'value="20"' in answers.content.decode()


def test_apply_again_is_recorded_on_the_old_case_which_stays_as_it_was(
    client, business_user, rejected
):
    rejected.refresh_from_db()
    status, events = rejected.status, rejected.events.count()
    client.force_login(business_user)
    client.post(_path("application_again", rejected.reference))
    draft = ApplicationDraft.objects.get()
    event = CaseEvent.objects.get(case=rejected, kind=EventKind.REAPPLIED)
    assert (event.actor, event.data) == (business_user, {"draft": str(draft.pk)})
    rejected.refresh_from_db()
    assert rejected.status == status
    assert rejected.events.count() == events + 1
    timeline = client.get(_path("my_case_detail", rejected.reference)).context["timeline"]
    assert EventKind.REAPPLIED in {entry.kind for entry in timeline}


@pytest.mark.parametrize("who", ["other_business_user", "kes_user", "manager_user"])
def test_apply_again_is_404_for_anyone_but_the_business(client, request, rejected, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post(_path("application_again", rejected.reference)).status_code == 404
    assert not ApplicationDraft.objects.exists()
    assert not CaseEvent.objects.filter(kind=EventKind.REAPPLIED).exists()


def test_apply_again_only_answers_a_post(client, business_user, rejected):
    client.force_login(business_user)
    assert client.get(_path("application_again", rejected.reference)).status_code == 405


def test_apply_again_asks_anonymous_users_to_log_in(client, rejected):
    response = client.post(_path("application_again", rejected.reference))
    assert response.status_code == 302
    assert _path("login") in response["Location"]
