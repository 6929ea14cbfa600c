"""The wizard explains itself (issue 11 §2): messages that name their question, the upload
type that fills the next gap, Back after sending, services by topic, where and when, dates."""

import datetime
import re
from types import SimpleNamespace

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, translation

from cases.models import Case
from intake.answers import QuestionSpec, clean_answers, clean_value, period_bounds
from intake.catalogue import DEFAULT_CATALOGUE
from intake.constants import ServiceTopic
from intake.forms import answers_form_class
from intake.models import ApplicationDraft, SubmittedDraft
from intake.services import catalogue_load, draft_save, draft_start
from intake.wizard import document_checklist, next_missing_document, service_groups
from tests.factories import file_bytes

PDF = file_bytes("pdf")
TODAY = datetime.date(2026, 12, 1)
PERIOD = QuestionSpec(code="period", type="period")
LOCATION = QuestionSpec(code="location", type="location")
CATALOGUE = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture
def catalogue(db):
    catalogue_load(data=CATALOGUE)


def _start(client, *services):
    response = client.post("/en/apply/", {"services": list(services)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ApplicationDraft.objects.latest("created_at")


def _step(draft, step, lang="en"):
    return f"{'/en' if lang == 'en' else ''}/apply/{draft.pk}/{step}/"


# --- where and when: the rules (pure) -------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "today", "stored"),
    [
        ({"from": "2027-05-01", "to": "2027-09-30"}, TODAY, "2027-05-01/2027-09-30"),
        ("2027-05-01/2027-05-01", TODAY, "2027-05-01/2027-05-01"),  # one day
        ({"from": datetime.date(2026, 12, 1), "to": "2026-12-24"}, TODAY, "2026-12-01/2026-12-24"),
        ({"from": "2020-01-01", "to": "2020-02-01"}, None, "2020-01-01/2020-02-01"),  # no today
        (" 2027-01-01 / 2027-01-02 ".replace(" ", ""), TODAY, "2027-01-01/2027-01-02"),
    ],
)
def test_a_period_is_stored_as_an_iso_interval(raw, today, stored):
    assert clean_value(PERIOD, raw, today=today) == stored
    assert period_bounds(stored) == tuple(
        datetime.date.fromisoformat(part) for part in stored.split("/")
    )


@pytest.mark.parametrize(
    ("raw", "today", "message"),
    [
        ({"from": "2027-05-02", "to": "2027-05-01"}, TODAY, "The last day must be the same"),
        ({"from": "2026-11-30", "to": "2026-12-05"}, TODAY, "cannot start in the past"),
        ({"from": "2027-01-01", "to": "2037-01-01"}, TODAY, "at most 10 years"),
        ({"from": "1026-01-01", "to": "2027-01-01"}, None, "Check the year"),
        ({"from": "2027-01-01", "to": "20270-01-01"}, TODAY, "two real dates"),
        ({"from": "2027-02-30", "to": "2027-03-01"}, TODAY, "two real dates"),
        ({"from": "2027-01-01"}, TODAY, "first and the last day"),
        ("2027-01-01", TODAY, "first and the last day"),
        (12, TODAY, "first and the last day"),
    ],
)
def test_a_period_that_cannot_be_is_refused(raw, today, message):
    with translation.override("en"), pytest.raises(ValueError, match=message):
        clean_value(PERIOD, raw, today=today)


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("Vesterbrogade 12, 1620 København V", True),
        ("  Kongens Nytorv ", True),
        ("12", False),
        ("Ø", False),
        ("x" * 301, False),
        (12, False),
    ],
)
def test_a_location_is_an_address_or_a_place(raw, ok):
    if ok:
        assert clean_value(LOCATION, raw) == raw.strip()
    else:
        with pytest.raises(ValueError):
            clean_value(LOCATION, raw)


def test_clean_answers_checks_periods_against_the_day_of_the_application():
    questions = {"outdoor_serving": (PERIOD,)}
    raw = {"outdoor_serving": {"period": "2026-11-01/2026-11-30"}}
    assert clean_answers(questions, raw)[1] == {}
    errors = clean_answers(questions, raw, today=TODAY)[1]
    assert list(errors) == ["outdoor_serving.period"]


def test_every_permit_about_a_place_asks_where_and_the_question_types_exist():
    placeless = {"lease_municipal_premises", "buy_municipal_plot", "home_care_provider_approval"}
    for service in CATALOGUE["services"]:
        codes = {q["code"] for q in service.get("questions") or []}
        if service["kind"] == "permit" and service["code"] not in placeless:
            assert "location" in codes, service["code"]
        assert service.get("topic") in ServiceTopic.values, service["code"]
    periods = [
        s["code"]
        for s in CATALOGUE["services"]
        if any(q["code"] == "period" for q in s.get("questions") or [])
    ]
    assert {"outdoor_serving", "street_vending", "sports_facility_event"} <= set(periods)


# --- the documents step and the services step (pure) ----------------------------------


def _doc(code):
    return SimpleNamespace(code=code, name=code)


@pytest.mark.parametrize(
    ("required", "uploaded", "next_code"),
    [
        (["site_plan", "frontage_photo"], [], "site_plan"),
        (["site_plan", "frontage_photo"], ["site_plan"], "frontage_photo"),
        (["site_plan", "frontage_photo"], ["frontage_photo"], "site_plan"),
        (["site_plan", "frontage_photo"], ["site_plan", "frontage_photo"], ""),
        (["owner_consent", "drawing", "owner_consent"], ["owner_consent"], "drawing"),
        ([], [], ""),
    ],
)
def test_the_upload_type_defaults_to_the_next_missing_document(required, uploaded, next_code):
    checklist = document_checklist([_doc(c) for c in required], uploaded)
    assert [d.code for d, _done in checklist] == list(dict.fromkeys(required))
    assert next_missing_document(checklist) == next_code


def test_services_are_offered_chosen_first_then_by_topic():
    def service(code, topic, name):
        return SimpleNamespace(code=code, topic=topic, name=name)

    services = [
        service("b", "food", "B"),
        service("a", "food", "A"),
        service("s", "signs", "S"),
        service("x", "", "X"),
        service("c", "staff", "C"),
    ]
    groups = service_groups(services, ["s", "c", "gone"], ServiceTopic.choices, "Other")
    assert [(key, [s.code for s in members]) for key, _legend, members in groups] == [
        ("chosen", ["s", "c"]),
        ("food", ["a", "b"]),
        ("other", ["x"]),
    ]


# --- the pages ---------------------------------------------------------------------------


def _summary(html):
    match = re.search(r'<nav aria-labelledby="form-error-summary-heading">.*?</nav>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def test_the_error_summary_names_each_question_and_links_to_it(client, business_user, catalogue):
    client.force_login(business_user)
    draft = _start(client, "outdoor_serving")
    html = client.post(_step(draft, "answers-outdoor_serving"), {}).content.decode()
    summary = _summary(html)
    assert 'data-module="error-summary"' in summary and 'tabindex="-1"' in summary
    links = re.findall(r'<a class="function-link" href="#([^"]+)">([^<]+)</a>', summary)
    assert links == [
        ("id_area_m2", "Enter a number for “How many m² do you want to use”"),
        ("id_location_type_0", "Choose an answer for “Where will the outdoor serving be”"),
        ("id_serves_alcohol_0", "Choose yes or no for “Will you serve alcohol outdoors”"),
    ]
    for anchor, _text in links:
        assert f'id="{anchor}"' in html
    assert "This field is required" not in html


def test_every_form_of_the_wizard_names_its_field(client, business_user, catalogue):
    client.force_login(business_user)
    html = client.post("/en/apply/", {}).content.decode()
    assert "Choose at least one service." in _summary(html)
    assert 'href="#id_services_0"' in html and 'id="id_services_0"' in html
    draft = _start(client, "outdoor_serving")
    html = client.post(_step(draft, "details"), {"description": ""}).content.decode()
    assert '<a class="function-link" href="#id_description">Describe your project</a>' in html
    html = client.post(_step(draft, "documents"), {"upload": "1"}).content.decode()
    assert '<a class="function-link" href="#id_file">Choose the file to upload</a>' in html


def test_a_period_and_a_place_are_asked_and_checked(client, business_user, catalogue):
    client.force_login(business_user)
    draft = _start(client, "outdoor_serving")
    url = _step(draft, "answers-outdoor_serving")
    html = client.get(url).content.decode()
    assert 'for="id_period_0"' in html and 'for="id_period_1"' in html
    assert html.count('class="date-picker"') == 2
    answers = {"area_m2": "20", "location_type": "pavement", "serves_alcohol": "false"}
    bad = {**answers, "location": "12", "period_0": "30/09/2027", "period_1": "01/05/2027"}
    summary = _summary(client.post(url, bad).content.decode())
    assert "Address of the café or restaurant: Enter an address" in summary
    assert 'href="#id_period_0"' in summary and "The last day must be" in summary
    good = {**answers, "location": "Vesterbrogade 12", "period_0": "01/05/2027"}
    response = client.post(url, {**good, "period_1": "2027-09-30"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["outdoor_serving"]["period"] == "2027-05-01/2027-09-30"
    assert draft.answers["outdoor_serving"]["location"] == "Vesterbrogade 12"
    html = client.get(url).content.decode()
    assert 'data-default-value="2027-05-01"' in html and 'data-default-value="2027-09-30"' in html


def test_an_upload_without_choosing_fills_the_next_missing_document(
    client, business_user, catalogue
):
    client.force_login(business_user)
    draft = _start(client, "outdoor_serving")
    url = _step(draft, "documents")
    html = client.get(url).content.decode()
    assert '<option value="site_plan" selected>' in html
    upload = SimpleUploadedFile("drawing.pdf", PDF, content_type="application/pdf")
    client.post(url, {"upload": "1", "document_code": "site_plan", "file": upload})
    html = client.get(url).content.decode()
    # The next upload defaults to the photo, so a photo sent as it is fills that gap.
    assert '<option value="frontage_photo" selected>' in html
    upload = SimpleUploadedFile("photo.pdf", PDF, content_type="application/pdf")
    client.post(url, {"upload": "1", "document_code": "frontage_photo", "file": upload})
    html = client.get(url).content.decode()
    assert "Missing" not in html.split("Documents to upload")[1].split("</ul>")[0]
    assert '<option value="" selected>' in html


def test_back_after_sending_shows_the_case_to_its_owner_only(
    client, business_user, other_business_user, catalogue, django_capture_on_commit_callbacks
):
    client.force_login(business_user)
    draft = _start(client, "a_sign")
    draft_save(draft=draft, answers={"a_sign": {"number_of_signs": 1}}, description="Et skilt")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_step(draft, "review"), {})
    case = Case.objects.get()
    assert response.status_code == 302
    assert SubmittedDraft.objects.get(pk=draft.pk).case == case
    for lang, path in (("en", "/en"), ("da", "")):
        response = client.get(_step(draft, "review", lang))
        assert response.status_code == 200
        assert f'href="{path}/my/cases/{case.reference}/"' in response.content.decode()
        assert f'data-sent-case="{case.reference}"' in response.content.decode()
    # Sending twice (Back, then Send again) makes no second case.
    assert client.post(_step(draft, "review"), {}).status_code == 200
    assert Case.objects.count() == 1
    client.force_login(other_business_user)
    assert client.get(_step(draft, "review")).status_code == 404


def test_the_review_links_each_problem_to_its_answer(client, business_user, catalogue):
    client.force_login(business_user)
    draft = _start(client, "outdoor_serving")
    draft_save(draft=draft, answers={"outdoor_serving": {"location_type": "pavement"}})
    html = client.get(_step(draft, "review")).content.decode()
    link = f'href="{_step(draft, "answers-outdoor_serving")}#id_area_m2"'
    assert link in html and "How many m² do you want to use:" in html


def test_the_services_step_puts_the_chosen_first_and_groups_the_rest(
    client, business_user, catalogue
):
    client.force_login(business_user)
    html = client.get("/en/apply/?services=street_vending").content.decode()
    groups = re.findall(r'data-service-group="([a-z]+)"', html)
    assert groups[0] == "chosen" and set(groups[1:]) <= set(ServiceTopic.values) | {"other"}
    assert html.index('value="street_vending"') < html.index('data-service-group="food"')
    assert html.index('data-service-group="chosen"') < html.index('value="street_vending"')
    assert 'id="id_services_0"' in html.split('value="street_vending"')[1][:60]
    assert re.search(r'<label class="form-label" for="service-filter">Find a service', html)
    assert "data-service-filter hidden" in html and 'aria-live="polite"' in html
    assert "kes/wizard.js" in html


@pytest.mark.parametrize(
    ("lang", "long", "short"),
    [("da", "1. december 2026", "01.12.2026"), ("en", "1 December 2026", "01/12/2026")],
)
def test_dates_read_the_way_the_language_writes_them(lang, long, short):
    with translation.override(lang):
        assert formats.date_format(datetime.date(2026, 12, 1)) == long
        assert formats.date_format(datetime.date(2026, 12, 1), "SHORT_DATE_FORMAT") == short


def test_a_date_question_has_the_date_picker_and_names_itself():
    question = SimpleNamespace(code="start", type="date", label="Start date", required=True)
    with translation.override("en"):
        form = answers_form_class([question], today=TODAY)({"start": "31/02/2027"})
        assert not form.is_valid()
        assert form.errors["start"] == [
            "Enter a real date for “Start date”, for example 31/12/2026"
        ]
        assert 'class="date-picker"' in str(form["start"])


@pytest.mark.parametrize(
    ("lang", "shown", "yes"),
    [
        ("da", "1. juni 2027 – 30. juni 2027", "Ja"),
        ("en", "1 June 2027 – 30 June 2027", "Yes"),
    ],
)
def test_the_review_shows_a_period_in_the_long_date_format(
    client, business_user, catalogue, lang, shown, yes
):
    client.force_login(business_user)
    draft = _start(client, "outdoor_serving")
    answers = {"period": "2027-06-01/2027-06-30", "serves_alcohol": True, "area_m2": 20}
    draft_save(draft=draft, answers={"outdoor_serving": answers})
    html = client.get(_step(draft, "review", lang)).content.decode()
    shown_answers = re.findall(r"<dd>(.*?)\s*</dd>", html)
    assert shown in shown_answers and yes in shown_answers and "20" in shown_answers
    assert "2027-06-01/2027-06-30" not in html


def test_back_after_sending_for_a_business_takes_staff_to_the_staff_case_page(
    client, kes_user, business_user, catalogue, django_capture_on_commit_callbacks
):
    business = business_user.business_memberships.get().business
    draft = draft_start(owner=kes_user, business=business, services=["a_sign"], staff_assisted=True)
    draft_save(draft=draft, answers={"a_sign": {"number_of_signs": 2}}, description="Ved skranken")
    client.force_login(kes_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_step(draft, "review"), {}).status_code == 302
    case = Case.objects.get()
    html = client.get(_step(draft, "review")).content.decode()
    assert f'href="/en/staff/cases/{case.reference}/"' in html
    client.force_login(business_user)  # the business did not fill in this draft
    assert client.get(_step(draft, "review")).status_code == 404


@pytest.mark.parametrize(
    ("answers", "lang", "rows"),
    [
        (
            {"period": "2027-05-01/2027-09-30", "area_m2": 20},
            "en",
            [
                ("How many m² do you want to use?", "20"),
                (
                    "For which period do you want to serve outdoors?",
                    "1 May 2027 – 30 September 2027",
                ),
            ],
        ),
        (
            {"period": "not a period"},
            "en",
            [("For which period do you want to serve outdoors?", "not a period")],
        ),
    ],
)
def test_case_pages_show_periods_in_the_long_date_format(catalogue, answers, lang, rows):
    from cases.selectors.core import answer_rows
    from intake.models import Service

    with translation.override(lang):
        service = Service.objects.prefetch_related("questions__choices").get(code="outdoor_serving")
        assert answer_rows(SimpleNamespace(service=service, answers=answers)) == rows
