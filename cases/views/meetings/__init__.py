"""Star-meeting pages for staff (``pages``) and their posts (``actions``); the triage
committee's pages are in ``views.triage`` (their URLs are here with the meetings').
"""

from django.urls import path

from ..triage import triage_detail, triage_list
from .actions import (
    meeting_cancel,
    meeting_checklist,
    meeting_minutes,
    meeting_outcome,
    meeting_participant,
    meeting_plan,
)
from .pages import meeting_detail, meeting_list, my_meetings

urlpatterns = [
    path("staff/triage/", triage_list, name="triage_list"),
    path("staff/triage/<str:reference>/", triage_detail, name="triage_detail"),
    path("staff/meetings/", meeting_list, name="meeting_list"),
    path("staff/meetings/mine/", my_meetings, name="my_meetings"),
    path("staff/meetings/<str:reference>/", meeting_detail, name="meeting_detail"),
    path("staff/meetings/<str:reference>/plan/", meeting_plan, name="meeting_plan"),
    path(
        "staff/meetings/<str:reference>/participants/",
        meeting_participant,
        name="meeting_participant",
    ),
    path("staff/meetings/<str:reference>/checklist/", meeting_checklist, name="meeting_checklist"),
    path("staff/meetings/<str:reference>/cancel/", meeting_cancel, name="meeting_cancel"),
    path("staff/meetings/<str:reference>/minutes/", meeting_minutes, name="meeting_minutes"),
    path("staff/meetings/<str:reference>/outcome/", meeting_outcome, name="meeting_outcome"),
]
