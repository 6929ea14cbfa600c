from django.urls import path

from .views import (
    accounts,
    business,
    deciding,
    documents,
    letters,
    overview,
    pilot_work,
    pilots,
    processing_times,
    staff_case,
    work,
)
from .views.dashboard import urlpatterns as dashboard_urls
from .views.meeting_business import urlpatterns as meeting_business_urls
from .views.meetings import urlpatterns as meeting_urls
from .views.track_figures import urlpatterns as track_figure_urls

urlpatterns = [
    path(
        "cases/<str:reference>/documents/<int:document_id>/",
        documents.case_document_download,
        name="case_document_download",
    ),
    *accounts.urlpatterns,
    *business.urlpatterns,
    *overview.urlpatterns,
    *work.urlpatterns,
    *deciding.urlpatterns,
    *staff_case.urlpatterns,
    *letters.urlpatterns,
    *meeting_urls,
    *meeting_business_urls,
    *pilots.urlpatterns,
    *pilot_work.urlpatterns,
    *track_figure_urls,
    *dashboard_urls,
    *processing_times.urlpatterns,
]
