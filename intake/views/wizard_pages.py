"""Parts of the wizard's pages: the services step's grouped options and the review's list of
what stops the sending, each linked to its answer."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from intake.constants import QuestionType, ServiceTopic
from intake.wizard import service_groups


def service_options(form, services) -> dict:
    """The services field grouped for the page: what is ticked (posted, or chosen before)
    first, then the rest by topic."""
    ticked = [str(code) for code in form["services"].value() or []]
    groups = service_groups(
        list(services), ticked, ServiceTopic.choices, other_label=_("Other services")
    )
    # The choices in the order shown, so that option ids (and the error summary's link to
    # the first) follow the page.
    shown = [service for _key, _legend, members in groups for service in members]
    form.fields["services"].choices = [(s.code, s.name) for s in shown]
    ids = {service.code: f"{form['services'].auto_id}_{i}" for i, service in enumerate(shown)}
    rows = [
        (key, legend, [(service, ids[service.code]) for service in members])
        for key, legend, members in groups
    ]
    return {"service_groups": rows, "ticked": ticked}


# Questions answered with a group of inputs: the link goes to the first.
_GROUPED_TYPES = {QuestionType.BOOLEAN, QuestionType.CHOICE, QuestionType.PERIOD}


def review_problems(services, exc: ValidationError, *, step_url) -> list[tuple[str, str]]:
    """What stops the sending, each as (text naming its question, link to the answer); a
    problem that is no one answer's has no link."""
    questions = {(s.code, q.code): (s, q) for s in services for q in s.questions.all()}
    problems = []
    for key, texts in getattr(exc, "message_dict", {"": exc.messages}).items():
        parts = key.split(".")
        found = questions.get(tuple(parts[1:3])) if parts[0] == "answers" else None
        for message in texts:
            if found is None:
                problems.append((message, ""))
                continue
            service, question = found
            anchor = f"id_{question.code}" + ("_0" if question.type in _GROUPED_TYPES else "")
            url = f"{step_url('answers-' + service.code)}#{anchor}"
            text = _("%(label)s: %(problem)s") % {
                "label": str(question.label).strip().rstrip("?:.").strip(),
                "problem": message,
            }
            problems.append((text, url))
    return problems
