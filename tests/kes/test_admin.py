"""The Django admin: every page of every registered model opens for the administrator, the
case history cannot be changed there, memberships and businesses are written through the
services, and a catalogue rule the classifier could not evaluate is refused."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from rest_framework.authtoken.models import Token
from viewflow.workflow.models import Process, Task

from advisory.models import CounsellingBooking
from cases.models import Business, BusinessMembership, Case, CaseEvent, Letter
from intake.models import Question, Rule, Service
from routing.models import Department, DepartmentMembership
from routing.services import role_groups_ensure
from tests.cases.helpers import OUTDOOR, submit_case
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue

# --- one object of every registered model ------------------------------------------------


def _beat_schedules():
    interval = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES)
    CrontabSchedule.objects.create(minute="0", hour="3")
    SolarSchedule.objects.create(event="sunrise", latitude=55.68, longitude=12.57)
    ClockedSchedule.objects.create(clocked_time=timezone.now() + timedelta(days=1))
    PeriodicTask.objects.create(name="t-health", task="kes.health", interval=interval)


def _login_records():
    where = {"ip_address": "192.0.2.1", "user_agent": "test", "http_accept": "*/*"}
    AccessAttempt.objects.create(
        username="t-someone",
        path_info="/login/",
        get_data="",
        post_data="username=t-someone",
        failures_since_start=2,
        **where,
    )
    AccessLog.objects.create(username="t-someone", path_info="/login/", **where)
    AccessFailureLog.objects.create(username="t-someone", path_info="/login/", **where)


def _advice():
    from tests.advisory.helpers import hub, session, sign_up, slot

    sign_up(session(place=hub()), 1)
    CounsellingBooking.objects.create(
        slot=slot(),
        name="t",
        email="t@example.invalid",
        language="da",
        topic="other",
        description="t",
    )


@pytest.fixture
def everything(administrator_user):
    """At least one row of every model the admin lists, so every change page has one."""
    load_shipped_catalogue()  # services, questions, departments, authorities, administrations
    business_user = BusinessMembershipFactory(user=UserFactory(username="t-business")).user
    submit_case(business_user.businesses.get(), business_user, ["outdoor_serving"], OUTDOOR)
    role_groups_ensure()
    Token.objects.create(user=administrator_user)
    _beat_schedules()
    _login_records()
    _advice()


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _admin_urls(model, obj):
    info = (model._meta.app_label, model._meta.model_name)
    yield "changelist", reverse("admin:{}_{}_changelist".format(*info))
    yield "add", reverse("admin:{}_{}_add".format(*info))
    yield "change", reverse("admin:{}_{}_change".format(*info), args=[obj.pk])


def test_every_admin_page_opens_for_the_administrator(client, administrator_user, everything):
    client.force_login(administrator_user)
    opened, failures = [], []
    for model, model_admin in admin.site._registry.items():
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"no {model._meta.label} to open: create one in `everything`"
        for page, url in _admin_urls(model, obj):
            if page == "add" and not model_admin.has_add_permission(_request(administrator_user)):
                continue
            status = client.get(url).status_code
            opened.append(url)
            if status != 200:
                failures.append(f"{status} {url}")
    assert not failures, "\n".join(failures)
    assert reverse("admin:cases_case_change", args=[Case.objects.get().pk]) in opened


# --- the case history is read-only ----------------------------------------------------------


@pytest.mark.parametrize("model", [Case, Process, Task])
def test_cases_and_their_flows_are_read_only_in_the_admin(administrator_user, model):
    request = _request(administrator_user)
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_records_of_a_case_are_read_only_in_the_admin(administrator_user):
    request = _request(administrator_user)
    inlines = admin.site._registry[Case].get_inline_instances(request)
    assert {inline.model for inline in inlines} >= {CaseEvent, Letter}
    for inline in inlines:
        assert not inline.has_add_permission(request, None), inline.model
        assert not inline.has_change_permission(request), inline.model
        assert not inline.has_delete_permission(request), inline.model


def test_a_post_to_the_case_change_page_is_refused(client, administrator_user, everything):
    client.force_login(administrator_user)
    case = Case.objects.get()
    response = client.post(reverse("admin:cases_case_change", args=[case.pk]), {"status": "x"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status != "x"


def test_the_case_change_page_shows_its_letters(client, administrator_user, everything):
    client.force_login(administrator_user)
    case = Case.objects.get()
    assert case.letters.exists()
    response = client.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert response.status_code == 200
    assert "letters-TOTAL_FORMS" in response.content.decode()


# --- submitting an admin form as the browser would ------------------------------------------


class _FormFields(HTMLParser):
    """The fields a browser would send for the first form with ``id`` on the page."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image"):
                self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            # A browser drops the one newline that follows <textarea>.
            self.data.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def _form_data(html, form_id, **changes):
    parser = _FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = [value]
    return data


def _rule_form_index(html, rule):
    data = _form_data(html, "service_form")
    return next(
        name.split("-")[1]
        for name, values in data.items()
        if name.startswith("rules-") and name.endswith("-id") and values == [str(rule.pk)]
    )


@pytest.fixture
def outdoor(administrator_user):
    load_shipped_catalogue()
    return Service.objects.get(code="outdoor_serving")


def _service_url(service):
    return reverse("admin:intake_service_change", args=[service.pk])


def test_a_sound_rule_change_is_saved_in_the_admin(client, administrator_user, outdoor):
    client.force_login(administrator_user)
    rule = outdoor.rules.get(operator="gte")
    url = "/en" + _service_url(outdoor)
    html = client.get(url).content.decode()
    index = _rule_form_index(html, rule)
    response = client.post(url, _form_data(html, "service_form", **{f"rules-{index}-value": "99"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert rule.value == 99


def _post_bad_rule(client, service):
    """The first "at least" rule of ``service`` set to compare with "abc", posted in English."""
    rule = service.rules.get(operator="gte")
    url = "/en" + _service_url(service)
    html = client.get(url).content.decode()
    index = _rule_form_index(html, rule)
    changes = {f"rules-{index}-operator": "gte", f"rules-{index}-value": '"abc"'}
    return rule, client.post(url, _form_data(html, "service_form", **changes))


def test_the_admin_refuses_a_rule_the_classifier_cannot_evaluate(
    client, administrator_user, outdoor
):
    client.force_login(administrator_user)
    before = list(Rule.objects.values_list("pk", "operator", "value").order_by("pk"))
    rule, response = _post_bad_rule(client, outdoor)
    assert response.status_code == 200  # the form again
    with translation.override("en"):
        message = gettext("This condition compares numbers: enter a number, such as 10.")
    assert message in response.content.decode()
    assert list(Rule.objects.values_list("pk", "operator", "value").order_by("pk")) == before


def _rule(service, **fields):
    question = service.questions.get(code="area_m2")
    values = {
        "service": service,
        "position": 99,
        "question": question,
        "operator": "gte",
        "value": 10,
        "reason_da": "Stort areal.",
        "reason_en": "Large area.",
        **fields,
    }
    return Rule(**values)


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"value": "abc"}, "value"),
        ({"value": True}, "value"),
        ({"operator": "lte", "value": [1, 2]}, "value"),
        ({"operator": "in", "value": "pavement"}, "value"),
        ({"operator": "in", "value": 3}, "value"),
        ({"reason_en": ""}, "reason_en"),
    ],
)
def test_a_rule_the_classifier_cannot_evaluate_is_not_valid(outdoor, fields, field):
    with pytest.raises(ValidationError) as refused:
        _rule(outdoor, **fields).full_clean()
    assert field in refused.value.message_dict


def test_a_rule_must_read_a_question_of_its_own_service(outdoor):
    other = Question.objects.exclude(service=outdoor).first()
    with pytest.raises(ValidationError) as refused:
        _rule(outdoor, question=other, operator="equals", value=True).full_clean()
    assert "question" in refused.value.message_dict


def test_a_sound_rule_is_valid(outdoor):
    _rule(outdoor).full_clean()
    _rule(outdoor, operator="in", value=[10, 20]).full_clean()


def test_applying_keeps_working_after_the_admin_refused_a_bad_rule(
    client, administrator_user, outdoor
):
    client.force_login(administrator_user)
    _post_bad_rule(client, outdoor)
    user = BusinessMembershipFactory(user=UserFactory(username="t-business")).user
    case = submit_case(user.businesses.get(), user, ["outdoor_serving"], OUTDOOR)
    assert case.reference


# --- memberships and businesses go through the services -----------------------------------


def test_a_membership_added_in_the_department_admin_goes_through_the_service(
    client, administrator_user, outdoor, monkeypatch
):
    from routing import admin as routing_admin

    calls = []
    real = routing_admin.membership_set
    monkeypatch.setattr(
        routing_admin,
        "membership_set",
        lambda **kwargs: calls.append(kwargs) or real(**kwargs),
    )
    client.force_login(administrator_user)
    department = Department.objects.get(code="city_use")
    caseworker = UserFactory(username="t-new-caseworker")
    url = "/en" + reverse("admin:routing_department_change", args=[department.pk])
    html = client.get(url).content.decode()
    data = _form_data(
        html,
        "department_form",
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-user": str(caseworker.pk),
            "memberships-0-role": "lead",
            "memberships-0-department": str(department.pk),
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [(c["user"], c["department"], c["role"]) for c in calls] == [
        (caseworker, department, "lead")
    ]
    assert DepartmentMembership.objects.get(user=caseworker, department=department).role == "lead"


def test_a_business_added_in_the_admin_goes_through_the_services(
    client, administrator_user, monkeypatch
):
    from cases import admin as cases_admin

    created = []
    real = cases_admin.business_create
    monkeypatch.setattr(
        cases_admin,
        "business_create",
        lambda **kwargs: created.append(kwargs) or real(**kwargs),
    )
    client.force_login(administrator_user)
    owner = UserFactory(username="t-owner")
    url = "/en" + reverse("admin:cases_business_add")
    html = client.get(url).content.decode()
    data = _form_data(
        html,
        "business_form",
        cvr="12345607",
        name="Demo Café ApS",
        email="cafe@example.invalid",
        **{"memberships-TOTAL_FORMS": "1", "memberships-0-user": str(owner.pk)},
    )
    data["memberships-0-is_admin"] = ["on"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    business = Business.objects.get(cvr="12345607")
    assert created and created[0]["cvr"] == "12345607"
    assert BusinessMembership.objects.get(business=business).user == owner
    # Afterwards it is shown, not edited: no service changes a business.
    change = reverse("admin:cases_business_change", args=[business.pk])
    assert client.post(change, {"name": "Other"}).status_code == 403
