from django.urls import path

from . import views

urlpatterns = [
    path(
        "cases/<str:reference>/documents/<int:document_id>/",
        views.case_document_download,
        name="case_document_download",
    ),
]
