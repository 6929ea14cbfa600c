"""The dashboard's and the statistics API's filters, validated by a form. No ORM.

Rules:
- The period is a range of decision dates (Europe/Copenhagen), both ends included.
  Without dates it is the last 12 months: from the first day of the month eleven months
  before today's, to today.
- A date must lie between ``EARLIEST`` and one year after today; ``from`` may not come
  after ``to``. Anything else is a field error (the page shows it, the API answers 400).
- Department and service are codes, track and channel values; only the given choices are
  valid. A department lead's choices are their own departments only, and the lead is
  always held to them (``scope``): no query parameter widens it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import Channel, Track

EARLIEST = date(2000, 1, 1)
FIELDS = ("from", "to", "department", "service", "track", "channel")


@dataclass(frozen=True)
class StatsFilters:
    """What the figures are over. ``scope``: the department codes the reader is held to
    (None: every department)."""

    date_from: date
    date_to: date
    department: str = ""
    service: str = ""
    track: str = ""
    channel: str = ""
    scope: frozenset[str] | None = field(default=None)

    def departments(self) -> frozenset[str] | None:
        """The department codes to count, or None for all."""
        if self.department:
            return frozenset({self.department})
        return self.scope

    def query(self, **changes) -> dict[str, str]:
        """These filters as query parameters (for links), with ``changes`` applied."""
        chosen = replace(self, **changes)
        params = {
            "from": chosen.date_from.isoformat(),
            "to": chosen.date_to.isoformat(),
            "department": chosen.department,
            "service": chosen.service,
            "track": chosen.track,
            "channel": chosen.channel,
        }
        return {key: value for key, value in params.items() if value}


def default_period(today: date) -> tuple[date, date]:
    month = today.month - 11
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1), today


def _choices(options: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", _("All"))] + list(options)


# ISO in the field whatever the language: a date input only understands that.
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatsFilterForm(forms.Form):
    """The filters as a GET form; ``departments`` and ``services`` are (code, name) pairs."""

    date_from = forms.DateField(label=_("Decided from"), required=False, widget=_DATE)
    date_to = forms.DateField(label=_("Decided to"), required=False, widget=_DATE)
    department = forms.ChoiceField(label=_("Department"), required=False)
    service = forms.ChoiceField(label=_("Service"), required=False)
    track = forms.ChoiceField(label=_("Track"), required=False, choices=_choices(Track.choices))
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=_choices(Channel.choices)
    )

    def __init__(
        self,
        data: Mapping | None,
        *,
        today: date,
        departments: Sequence[tuple[str, str]],
        services: Sequence[tuple[str, str]],
        scope: frozenset[str] | None = None,
    ):
        super().__init__(data)
        self.today = today
        self.scope = scope
        self.fields["department"].choices = _choices(departments)
        self.fields["service"].choices = _choices(services)
        self.fields["date_from"].help_text = _("The date of the decision.")

    def add_prefix(self, field_name):
        # Render and read the fields under the API's parameter names (from, to, ...).
        return dict(zip(self.base_fields, FIELDS, strict=True)).get(field_name, field_name)

    def _clean_date(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        latest = self.today + timedelta(days=366)
        if not EARLIEST <= value <= latest:
            raise forms.ValidationError(
                _("Choose a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={"earliest": EARLIEST.isoformat(), "latest": latest.isoformat()},
            )
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period comes before its start."))
        return cleaned

    def filters(self) -> StatsFilters:
        """The valid filters; a field with an error falls back to its default."""
        cleaned = {}
        if self.is_bound:
            self.is_valid()
            cleaned = self.cleaned_data  # Django leaves a field with an error out of it
        start, end = default_period(self.today)
        date_from = cleaned.get("date_from") or start
        date_to = cleaned.get("date_to") or end
        if date_from > date_to:
            date_from, date_to = start, end
        return StatsFilters(
            date_from=date_from,
            date_to=date_to,
            department=cleaned.get("department") or "",
            service=cleaned.get("service") or "",
            track=cleaned.get("track") or "",
            channel=cleaned.get("channel") or "",
            scope=self.scope,
        )

    def api_errors(self) -> dict[str, list[str]]:
        """Field errors under the query parameters' names."""
        names = dict(zip(self.base_fields, FIELDS, strict=True))
        return {
            names.get(name, name): [str(message) for message in messages]
            for name, messages in self.errors.items()
        }


def parse_filters(
    data: Mapping | None,
    *,
    today: date,
    departments: Sequence[tuple[str, str]],
    services: Sequence[tuple[str, str]],
    scope: frozenset[str] | None = None,
) -> tuple[StatsFilterForm, StatsFilters]:
    """The bound form (for its errors) and the filters it gives."""
    form = StatsFilterForm(
        data, today=today, departments=departments, services=services, scope=scope
    )
    return form, form.filters()
