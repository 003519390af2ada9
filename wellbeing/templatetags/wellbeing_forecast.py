"""Forecast cards for the team dashboard and the organisation page: one query each."""

from django import template

from wellbeing.impact_pages import forecast_view
from wellbeing.models import TeamForecast

register = template.Library()


@register.inclusion_tag("wellbeing/includes/forecast.html")
def team_forecast(team):
    found = TeamForecast.objects.filter(team=team).first()
    return {"forecast": forecast_view(found), "team": team}


@register.inclusion_tag("wellbeing/includes/forecast_table.html")
def organisation_forecasts(teams):
    found = {f.team_id: f for f in TeamForecast.objects.filter(team__in=teams)}
    rows = [{"team": team, "forecast": forecast_view(found.get(team.pk))} for team in teams]
    return {"rows": [row for row in rows if row["forecast"]]}
