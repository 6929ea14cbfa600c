from django.urls import path

from .views import business, documents, letters, staff_case, work

urlpatterns = [
    path(
        "cases/<str:reference>/documents/<int:document_id>/",
        documents.case_document_download,
        name="case_document_download",
    ),
    *business.urlpatterns,
    *work.urlpatterns,
    *staff_case.urlpatterns,
    *letters.urlpatterns,
]
