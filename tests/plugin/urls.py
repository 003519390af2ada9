from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("", include("courses.urls")),
    path("", include("hiring.urls")),
    path("", include("wellbeing.urls")),
    path("", include(wagtail_urls)),
]
