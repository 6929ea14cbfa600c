from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from advisory.constants import ADVICE_SERVICE_CODE
from advisory.selectors import courses_for_query
from cases.constants import DESCRIPTION_MAX_LENGTH
from cases.selectors.processing_times import ProcessingTime, processing_times_of
from intake.search import MAX_QUERY_LENGTH, GuideHit, guide_search


@dataclass
class _HitOnPage:
    hit: GuideHit
    service_url: str
    apply_url: str
    # The actual processing time beside the target; None for a service without a target.
    processing_time: ProcessingTime | None = None


def guide(request: HttpRequest) -> HttpResponse:
    """Hvad skal du bruge? Free text in Danish or English → the services that fit, ranked."""
    query = " ".join((request.GET.get("q") or "")[:MAX_QUERY_LENGTH].split())
    language = "en" if (translation.get_language() or "").startswith("en") else "da"
    hits = guide_search(query, language=language) if query else []
    apply_url = _url_or_blank("application_start")
    times = processing_times_of(
        hit.service.pk for hit in hits if hit.service.target_days and not hit.service.immediate
    )
    results = [
        _HitOnPage(
            hit=hit,
            service_url=_url_or_blank("service_detail", code=code),
            # The search text goes along as the application's description.
            apply_url=f"{apply_url}?{urlencode({'services': code, 'description': query})}"
            if apply_url and code != ADVICE_SERVICE_CODE
            else "",
            processing_time=times.get(hit.service.pk),
        )
        for hit in hits
        for code in [hit.service.code]
    ]
    # Free advice is booked in the course calendar, not applied for: its hit and any
    # course that fits the question lead there.
    courses = courses_for_query(query, language=language) if query else []
    return render(
        request,
        "intake/guide.html",
        {
            "query": query,
            "results": results,
            "courses": courses,
            "advice_service": ADVICE_SERVICE_CODE,
            "service_list_url": _url_or_blank("service_list"),
            # Ticked results start one application (the wizard reads services, description).
            "choose_url": apply_url,
            "max_length": MAX_QUERY_LENGTH,
        },
    )


def guide_description(request: HttpRequest) -> str:
    """What the business typed in the guide (the ``description`` parameter the guide's apply
    links carry), as the application's description: one line, cut to the field's length."""
    text = " ".join(request.GET.get("description", "").split())
    return text[:DESCRIPTION_MAX_LENGTH]


def _url_or_blank(name: str, **kwargs) -> str:
    # The service pages and the wizard live in other parts of intake; the guide still
    # answers (without those links) where they are not installed.
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""
