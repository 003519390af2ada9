from django.urls import path

from . import views

app_name = "wellbeing"

urlpatterns = [
    path("team/", views.team_dashboard, name="team_dashboard"),
    path("team/<int:team_id>/", views.team_dashboard, name="team_detail"),
    path(
        "team/warnings/<int:warning_id>/acknowledge/",
        views.warning_acknowledge,
        name="warning_acknowledge",
    ),
    path(
        "team/warnings/<int:warning_id>/assign-course/",
        views.warning_assign_course,
        name="warning_assign_course",
    ),
    path("organisation/", views.organisation, name="organisation"),
    path("checkin/", views.checkin, name="checkin"),
    path("impact/", views.impact_report, name="impact"),
]
