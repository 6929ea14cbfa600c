"""Case files for those who may see the case; everyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control

from kes.access import get_for_user_or_404
from kes.types import AuthenticatedHttpRequest

from ..models import CaseDocument
from ..selectors import case_documents_visible_to
from ..services import document_downloaded
from ..uploads import filename_for


# A case's files are for the people on the case: no shared cache, no copy left on disk.
@cache_control(private=True, no_store=True)
@login_required
def case_document_download(
    request: AuthenticatedHttpRequest, reference: str, document_id: int
) -> FileResponse:
    document = get_for_user_or_404(
        CaseDocument.objects.select_related("case"),
        request.user,
        visible=case_documents_visible_to,
        pk=document_id,
        case__reference=reference,
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    document_downloaded(document=document, by=request.user)
    response = FileResponse(
        handle,
        as_attachment=True,
        # Files stored before their type was checked may have a name of another type.
        filename=filename_for(document.original_name, document.content_type),
        content_type=document.content_type,
    )
    # The file came from outside: never let a browser sniff it into something runnable.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
