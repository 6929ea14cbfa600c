from django.urls import path

from .views import catalogue, guide, reapply, receipt, staff, wizard

urlpatterns = [
    path("guide/", guide.guide, name="guide"),
    path("services/", catalogue.service_list, name="service_list"),
    path("services/<slug:code>/", catalogue.service_detail, name="service_detail"),
    path("directory/", catalogue.directory, name="directory"),
    path("apply/", wizard.application_start, name="application_start"),
    path(
        "apply/submitted/<str:reference>/",
        receipt.application_submitted,
        name="application_submitted",
    ),
    path("apply/again/<str:reference>/", reapply.application_again, name="application_again"),
    path("apply/<uuid:draft_id>/<slug:step>/", wizard.application_step, name="application_step"),
    path("staff/intake/", staff.staff_intake, name="staff_intake"),
]
