"""The wizard's steps: a handler per kind of step, which returns the page's context or a
redirect, and the links from one step to the next (``intake.views.wizard`` shows them)."""

import datetime
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import ASSISTED_CHANNELS, Track
from intake import selectors
from intake.forms import (
    DetailsForm,
    DocumentForm,
    QuickAnswerForm,
    ServicesForm,
    ShownTopicsForm,
    StaffChannelForm,
    answers_form_class,
    answers_initial,
    answers_to_json,
)
from intake.services import (
    case_track_preview,
    draft_document_add,
    draft_document_remove,
    draft_save,
    draft_submit,
)
from intake.views.staff import referral_record
from intake.views.wizard_pages import review_problems, service_options
from intake.wizard import (
    document_checklist,
    neighbours,
    next_missing_document,
    track_explanation,
    wizard_steps,
)


def step_url(draft, key):
    return reverse("application_step", kwargs={"draft_id": draft.pk, "step": key})


def steps_of(draft, services):
    return wizard_steps(staff_assisted=draft.staff_assisted, services=services)


def next_url(draft, key):
    services = selectors.wizard_services(draft.services)
    _previous, following = neighbours(steps_of(draft, services), key)
    return step_url(draft, following.key) if following else step_url(draft, "review")


def _application_day(draft) -> datetime.date:
    """The day the application counts from (staff may register one received earlier)."""
    if draft.received_at:
        return timezone.localdate(draft.received_at)
    return timezone.localdate()


def _saved(request: HttpRequest, draft, step, form_valid_values):
    draft_save(draft=draft, **form_valid_values)
    return redirect(next_url(draft, step))


def _channel_step(request: HttpRequest, draft, services, step):
    initial = {
        "channel": draft.channel,
        "received_on": timezone.localtime(draft.received_at).date() if draft.received_at else None,
    }
    form = StaffChannelForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        received_on = form.cleaned_data["received_on"]
        received_at = None
        if received_on and received_on < timezone.localdate():
            received_at = timezone.make_aware(
                datetime.datetime.combine(received_on, datetime.time(12))
            )
        return _saved(
            request,
            draft,
            step,
            {"channel": form.cleaned_data["channel"], "received_at": received_at},
        )
    return {"form": form}


def _services_step(request: HttpRequest, draft, services, step):
    offered = list(selectors.active_services().order_by("name"))
    form = ServicesForm(
        request.POST if request.method == "POST" else None,
        initial={"services": draft.services},
        services=offered,
    )
    if request.method == "POST" and form.is_valid():
        return _saved(request, draft, step, {"services": form.cleaned_data["services"]})
    return {"form": form, **service_options(form, offered)}


def _answers_step(request: HttpRequest, draft, services, step):
    code = step.split("-", 1)[1]
    service = next(s for s in services if s.code == code)
    questions = list(service.questions.all())
    form = answers_form_class(questions, today=_application_day(draft))(
        request.POST if request.method == "POST" else None,
        initial=answers_initial(questions, draft.answers.get(code, {})),
    )
    if request.method == "POST" and form.is_valid():
        return _saved(request, draft, step, {"answers": {code: answers_to_json(form.cleaned_data)}})
    return {"form": form, "service": service}


def _details_step(request: HttpRequest, draft, services, step):
    initial = {
        "description": draft.description,
        "help_requested": draft.help_requested,
        "star_meeting_requested": draft.star_meeting_requested,
    }
    form = DetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if draft.staff_assisted:
        del form.fields["help_requested"]
    if request.method == "POST" and form.is_valid():
        return _saved(request, draft, step, dict(form.cleaned_data))
    return {"form": form}


def _documents_step(request: HttpRequest, draft, services, step):
    required = [d for s in services for d in s.required_documents.all()]
    uploaded = list(draft.documents.all())
    checklist = document_checklist(required, (d.document_code for d in uploaded))
    documents = [document for document, _done in checklist]
    form = DocumentForm(
        documents=documents, initial={"document_code": next_missing_document(checklist)}
    )
    if request.method == "POST":
        if "remove" in request.POST:
            # The buttons carry document ids; anything else names no document of this draft.
            document_id = request.POST["remove"].strip()
            if document_id.isascii() and document_id.isdigit():
                draft_document_remove(draft=draft, document_id=int(document_id))
            return redirect(step_url(draft, step))
        if "upload" in request.POST:
            form = DocumentForm(request.POST, request.FILES, documents=documents)
            if form.is_valid():
                try:
                    draft_document_add(
                        draft=draft,
                        document_code=form.cleaned_data["document_code"],
                        upload=form.cleaned_data["file"],
                    )
                except ValidationError as exc:
                    form.add_error("file", exc.messages)
                else:
                    messages.success(request, _("The file is uploaded."))
                    return redirect(step_url(draft, step))
        else:
            return redirect(next_url(draft, step))
    return {"form": form, "uploaded": uploaded, "checklist": checklist}


def _shown_step(request: HttpRequest, draft, services, step):
    form = ShownTopicsForm(
        request.POST if request.method == "POST" else None,
        initial={"shown_topics": draft.shown_topics},
    )
    if request.method == "POST" and form.is_valid():
        return _saved(request, draft, step, {"shown_topics": form.cleaned_data["shown_topics"]})
    return {"form": form}


def _review_step(request: HttpRequest, draft, services, step):
    errors = []
    try:
        preview = case_track_preview(
            channel=draft.channel,
            services=draft.services,
            answers=draft.answers,
            star_meeting_requested=draft.star_meeting_requested,
            help_requested=draft.help_requested,
            received_at=draft.received_at,
        )
    except ValidationError as exc:
        preview, errors = (
            None,
            review_problems(services, exc, step_url=partial(step_url, draft)),
        )
    quick = None
    if (
        preview
        and preview.track == Track.IMMEDIATE
        and draft.staff_assisted
        and draft.channel in ASSISTED_CHANNELS
    ):
        quick = QuickAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not errors and (quick is None or quick.is_valid()):
        draft_id = draft.pk
        try:
            case = draft_submit(draft=draft, immediate_answer=quick.cleaned_data if quick else None)
        except ValidationError as exc:
            errors = review_problems(services, exc, step_url=partial(step_url, draft))
        else:
            referral_record(request, draft_id, case)
            return redirect("application_submitted", reference=case.reference)
    departments = [d.name for s in services for d in s.departments.all()]
    return {
        "services": services,
        "preview": preview,
        "explanation": track_explanation(preview.track, dict.fromkeys(departments))
        if preview
        else "",
        "quick_form": quick,
        "errors": errors,
        "documents": list(draft.documents.all()),
    }


HANDLERS = {
    "channel": _channel_step,
    "services": _services_step,
    "answers": _answers_step,
    "details": _details_step,
    "documents": _documents_step,
    "shown": _shown_step,
    "review": _review_step,
}
