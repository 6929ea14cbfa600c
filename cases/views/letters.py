"""Letters to the business (receipt, decision) for those who may see the case; everyone
else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.urls import path
from django.views.decorators.cache import cache_control

from kes.access import get_for_user_or_404
from kes.types import AuthenticatedHttpRequest

from ..models import Letter
from ..selectors.letters import letters_visible_to
from ..services import letter_downloaded


# A letter is for the business and the people on the case: no shared cache, no copy on disk.
@cache_control(private=True, no_store=True)
@login_required
def case_letter_download(
    request: AuthenticatedHttpRequest, reference: str, letter_id: int
) -> FileResponse:
    letter = get_for_user_or_404(
        Letter.objects.select_related("case"),
        request.user,
        visible=letters_visible_to,
        pk=letter_id,
        case__reference=reference,
    )
    # The row exists from closing; the file only once the worker has rendered it.
    if not letter.file:
        raise Http404
    try:
        handle = letter.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    letter_downloaded(letter=letter, by=request.user)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{letter.case.reference}-{letter.kind}.pdf",
        content_type="application/pdf",
    )


urlpatterns = [
    path(
        "cases/<str:reference>/letters/<int:letter_id>/",
        case_letter_download,
        name="case_letter_download",
    ),
]
