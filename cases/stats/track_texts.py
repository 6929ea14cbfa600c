"""The track page's charts as items of ``{% bar_chart %}`` (cases.templatetags.stats_charts)
and their one-sentence summaries, in the active language. No ORM: it shapes what
``track_page.track_figures`` returned.

Tones mean something only where bars differ in kind (decided at the meeting is good; came
back for help is a warning); each tone has its own fill pattern, and every bar its number.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .presenting import percent


def _items(pairs, tones=None) -> list[tuple]:
    tones = tones or {}
    return [(label, value, str(value), tones.get(key, "neutral")) for key, label, value in pairs]


def track_items(tracks: dict) -> list[tuple]:
    return _items((value, label, tracks["totals"][value]) for value, label in tracks["tracks"])


def track_summary(tracks: dict) -> str:
    text = ngettext(
        "%(total)d case was received in the period.",
        "%(total)d cases were received in the period.",
        tracks["total"],
    ) % {"total": tracks["total"]}
    counted = [
        f"{label}: {tracks['totals'][value]}"
        for value, label in tracks["tracks"]
        if tracks["totals"][value]
    ]
    return f"{text} {'; '.join(counted)}." if counted else text


def meeting_items(meetings: dict) -> list[tuple]:
    return _items(
        [
            ("at", _("Decided at the meeting"), meetings["at_meeting"]),
            ("follow", _("Follow-up after the meeting"), meetings["follow_up"]),
        ],
        {"at": "good"},
    )


def meeting_summary(meetings: dict) -> str:
    held = ngettext(
        "%(held)d star meeting was held.", "%(held)d star meetings were held.", meetings["held"]
    ) % {"held": meetings["held"]}
    outcomes = _(
        "Departments decided at the meeting %(at)d times and agreed a follow-up %(follow)d "
        "times (%(share)s decided at the meeting)."
    ) % {
        "at": meetings["at_meeting"],
        "follow": meetings["follow_up"],
        "share": percent(meetings["at_meeting_share"]),
    }
    return f"{held} {outcomes}"


def conversion_items(conversion: dict) -> list[tuple]:
    return _items(
        [
            ("converted", _("Applied digitally by themselves"), conversion["converted"]),
            ("back", _("Came back for help"), conversion["came_back_assisted"]),
            ("not_back", _("Not come back yet"), conversion["not_back"]),
        ],
        {"converted": "good", "back": "warning"},
    )


def conversion_summary(conversion: dict) -> str:
    cohort = ngettext(
        "%(cohort)d business was helped to apply.",
        "%(cohort)d businesses were helped to apply.",
        conversion["cohort"],
    ) % {"cohort": conversion["cohort"]}
    rest = _(
        "%(converted)d later applied digitally by themselves (%(share)s), %(back)d came back "
        "for help, %(not_back)d have not come back yet."
    ) % {
        "converted": conversion["converted"],
        "share": percent(conversion["converted_share"]),
        "back": conversion["came_back_assisted"],
        "not_back": conversion["not_back"],
    }
    return f"{cohort} {rest}"


def topic_items(rows) -> list[tuple]:
    return _items((row["key"], row["topic"], row["total"]) for row in rows)


def answers_summary(totals: dict) -> str:
    answered = ngettext(
        "KES answered %(total)d question at once",
        "KES answered %(total)d questions at once",
        totals["total"],
    ) % {"total": totals["total"]}
    topics = ngettext("on %(topics)d topic", "on %(topics)d topics", totals["topics"]) % {
        "topics": totals["topics"]
    }
    channels = _("%(digital)d digital, %(phone)d by phone, %(counter)d at the counter.") % totals
    return f"{answered} {topics}: {channels}"


def topic_summary(items: list[tuple]) -> str:
    shown = ", ".join(f"{label} ({text})" for label, _value, text, _tone in items[:5])
    return _("Most asked on this page: %(topics)s.") % {"topics": shown} if shown else ""
