from django.urls import path

from . import views

app_name = "wellbeing"

urlpatterns = [
    path("team/", views.team_dashboard, name="team_dashboard"),
    path("organisation/", views.organisation, name="organisation"),
]
