from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as django_auth_views
from django.urls import include, path

from . import auth_views, notice_views, views

# JSON under /api/, the portal's pages elsewhere (kes.api_errors).
handler400 = "kes.api_errors.bad_request"
handler403 = "kes.api_errors.permission_denied"
handler404 = "kes.api_errors.page_not_found"
handler500 = "kes.api_errors.server_error"

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("i18n/setlang/", views.language_switch, name="set_language"),
    path("api/v1/", include("kes.api")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", django_auth_views.LogoutView.as_view(), name="logout"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    *notice_views.urlpatterns,
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        django_auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        django_auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("", include("routing.urls")),
    path("", include("intake.urls")),
    path("", include("cases.urls")),
    path("", include("advisory.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
