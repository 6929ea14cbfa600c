"""Notifications for staff (``/staff/notices/``): their in-portal notices, newest first, 25 a
page; opening one marks it read and goes to its task, "mark all as read" clears the count.

A notice belongs to its recipient only: anybody else's is a 404.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .access import STAFF_ROLES, role_required
from .language import same_page_in
from .notices import notice_texts
from .selectors import notices_of
from .services import notices_read
from .types import AuthenticatedHttpRequest

PAGE_SIZE = 25


@role_required(*STAFF_ROLES)
@never_cache
def notice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    paginator = Paginator(notices_of(user=request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    notices = list(page.object_list)
    for notice, text in zip(notices, notice_texts(notices), strict=True):
        notice.text = text
    page_range = paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    context = {"page_obj": page, "notices": notices, "page_range": list(page_range)}
    return render(request, "staff/notices.html", context)


@role_required(*STAFF_ROLES)
def notice_open(request: AuthenticatedHttpRequest, notice_id: int) -> HttpResponseRedirect:
    notice = notices_of(user=request.user).filter(pk=notice_id).first()
    if notice is None:
        raise Http404
    notices_read(user=request.user, ids=[notice.pk])
    if not notice.url.startswith("/"):
        return redirect("notice_list")
    return redirect(same_page_in(notice.url, translation.get_language()))


@require_POST
@role_required(*STAFF_ROLES)
def notices_read_all(request: AuthenticatedHttpRequest) -> HttpResponseRedirect:
    notices_read(user=request.user)
    return redirect("notice_list")


urlpatterns = [
    path("staff/notices/", notice_list, name="notice_list"),
    path("staff/notices/read/", notices_read_all, name="notices_read_all"),
    path("staff/notices/<int:notice_id>/", notice_open, name="notice_open"),
]
