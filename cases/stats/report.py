"""Månedsrapport: the managers' monthly PDF report (issue 15, section 4) — its reads, its
figures and its rendering. Building and sending it are ``cases.services.monthly_report``.

The report of a month holds, city-wide, the service-target headline figures of the tasks
decided in it (``cases.stats.selectors.summary``, the dashboard's), the cases per track,
the star meetings, the pilots' portfolios, the assisted → self-service conversion and the
most asked quick answers of that month.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from kes.constants import ROLE_GROUPS, Language, Role

from ..models import MonthlyReport
from ..pdf import render_pdf
from . import selectors
from .filters import StatsFilters
from .periods import month_end
from .track_page import track_figures

TOP_TOPICS = 10


def filename(month: date) -> str:
    return f"kes-report-{month:%Y-%m}.pdf"


def latest_report(language: str | None) -> MonthlyReport | None:
    """The newest report with its file, in ``language`` if it has one, else in another."""
    language = (language or Language.DA).split("-")[0]
    rows = MonthlyReport.objects.exclude(file="").order_by("-month", "language")
    newest = rows.first()
    if newest is None:
        return None
    return next(
        (row for row in rows.filter(month=newest.month) if row.language == language), newest
    )


def managers() -> list[tuple[int, str, str]]:
    """(user id, e-mail, language) of every active manager with an e-mail address."""
    return list(
        get_user_model()
        .objects.filter(groups__name=ROLE_GROUPS[Role.MANAGER], is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", "email", "language")
        .distinct()
    )


def report_context(month: date) -> dict:
    """The figures of ``month``, city-wide; read in the report's language (labels)."""
    filters = StatsFilters(date_from=month, date_to=month_end(month))
    figures = track_figures(filters, page=1)
    return {
        "month": month,
        "last_day": filters.date_to,
        "sla": selectors.summary(filters),
        "figures": figures,
        "top_topics": list(figures["topics"].object_list[:TOP_TOPICS]),
        "kes_contact": settings.KES_CONTACT,
        "reference": _("Monthly report %(month)s") % {"month": f"{month:%Y-%m}"},
    }


def report_pdf(month: date, language: str) -> bytes:
    return render_pdf(
        "cases/monthly_report_pdf.html", lambda: report_context(month), language=language
    )
