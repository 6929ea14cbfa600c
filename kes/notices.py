"""In-portal notices for staff (``kes.models.Notice``): the text is built when a notice is
shown, in the reader's language, by the renderer the writing app registered for its kind
(``@notice_renderer("cases.sla_warning")``), so kes never imports the apps above it.

A renderer takes a list of notices (one page of the list) and returns their texts in the
same order: it may load what the texts need in one query for the whole page.
"""

from collections.abc import Callable, Sequence

from .models import Notice

Renderer = Callable[[Sequence[Notice]], list[str]]
_RENDERERS: dict[str, Renderer] = {}


def notice_renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Register the function that writes the texts of notices of ``kind`` (once per kind)."""

    def register(func: Renderer) -> Renderer:
        if _RENDERERS.get(kind, func) is not func:
            raise ValueError(f"a notice renderer for {kind!r} is registered already")
        _RENDERERS[kind] = func
        return func

    return register


def notice_texts(notices: Sequence[Notice]) -> list[str]:
    """The texts of ``notices`` in the active language; one renderer call per kind."""
    texts: dict[int, str] = {}
    by_kind: dict[str, list[Notice]] = {}
    for notice in notices:
        by_kind.setdefault(notice.kind, []).append(notice)
    for kind, group in by_kind.items():
        func = _RENDERERS.get(kind)
        rendered = func(group) if func else [kind] * len(group)
        texts.update(zip((n.pk for n in group), rendered, strict=True))
    return [texts[notice.pk] for notice in notices]
