"""The geometry of a horizontal bar chart drawn as SVG on the server. No ORM.

Rules:
- One bar per item, in the given order, its length proportional to the value over the
  largest value (all zero or no values: no bar is drawn, the labels still are).
- Every bar carries its label on the left and its value as text at its end, so neither
  colour nor length alone tells the figure; each tone has a fill pattern as well as a
  colour (``PATTERNS``), for the charts whose bars mean different things.
- The label column is as wide as the longest label needs (about ``CHAR_WIDTH`` per
  character at the 13 px font), between ``MIN_LABEL`` and ``MAX_LABEL``; only a label
  longer than the widest column is cut, with "…" (the table beside it has it whole).
- The chart is a picture of the table beside it: the SVG is hidden from screen readers
  except for its one-sentence summary; the table is the accessible form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

TONES = ("neutral", "good", "warning", "bad")
# tone -> (pattern id suffix, description); the template draws the patterns.
PATTERNS = {"neutral": "solid", "good": "dots", "warning": "hatch", "bad": "cross"}
CHAR_WIDTH, MIN_LABEL, MAX_LABEL, LABEL_MARGIN = 7, 100, 320, 16


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    tone: str
    pattern: str
    y: int
    width: float
    text_x: float
    label_y: int


@dataclass(frozen=True)
class ChartGeometry:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]


def bar_geometry(
    items: Sequence[tuple[str, float | None, str] | tuple[str, float | None, str, str]],
    *,
    width: int = 560,
    label_width: int | None = None,
    bar_height: int = 22,
    gap: int = 10,
    value_room: int = 70,
) -> ChartGeometry:
    """Bars for ``items``: (label, value, text shown) or (label, value, text, tone)."""
    if label_width is None:
        longest = max((len(item[0]) for item in items), default=0)
        label_width = min(max(CHAR_WIDTH * longest + LABEL_MARGIN, MIN_LABEL), MAX_LABEL)
    chars = (label_width - LABEL_MARGIN) // CHAR_WIDTH
    values = [item[1] or 0 for item in items]
    largest = max(values, default=0)
    room = width - label_width - value_room
    bars = []
    for index, item in enumerate(items):
        label, value, text = item[0], item[1] or 0, item[2]
        if len(label) > chars:
            label = label[: chars - 1].rstrip() + "…"
        tone = item[3] if len(item) > 3 else "neutral"
        if tone not in PATTERNS:
            raise ValueError(f"unknown tone {tone!r}")
        length = room * value / largest if largest > 0 else 0
        y = gap + index * (bar_height + gap)
        bars.append(
            Bar(
                label=label,
                text=text,
                tone=tone,
                pattern=PATTERNS[tone],
                y=y,
                width=round(length, 1),
                text_x=round(label_width + length + 6, 1),
                label_y=y + bar_height // 2 + 5,
            )
        )
    height = gap + len(bars) * (bar_height + gap)
    return ChartGeometry(
        width=width,
        height=max(height, 2 * gap),
        label_width=label_width,
        bar_height=bar_height,
        bars=tuple(bars),
    )
