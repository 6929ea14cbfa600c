"""The cases API under /api/v1/ (DESIGN.md §6); ``kes.api`` includes it."""

from django.urls import path

from . import api, api_stats, api_work

urlpatterns = [
    path("cases/<str:reference>/", api.CaseDetailView.as_view(), name="api_case_detail"),
    path(
        "cases/<str:reference>/messages/",
        api_work.CaseMessagesView.as_view(),
        name="api_case_messages",
    ),
    path("tasks/", api_work.TaskListView.as_view(), name="api_tasks"),
    path("stats/sla/", api_stats.SlaStatsView.as_view(), name="api_stats_sla"),
]
