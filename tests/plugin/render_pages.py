"""Run under tests.plugin.settings (no `training`): migrate, then open the plugin's
pages as the people who use them; print one JSON line per page."""

import json
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.plugin.settings"

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)
User = apps.get_model("auth", "User")
admin = User.objects.create_superuser("admin", "admin@example.com", "x")
agent = User.objects.create_user("agent", password="x")
agent.groups.add(Group.objects.get(name="Agent"))

client = Client()
results = {"training_installed": apps.is_installed("training")}
client.force_login(admin)
for name in (
    "courses:my_training",
    "courses:team_matrix",
    "hiring:candidate_list",
    "hiring:position_list",
    "wellbeing:team_dashboard",
    "wellbeing:organisation",
):
    results[name] = client.get(reverse(name)).status_code
client.force_login(agent)
page = client.get(reverse("wellbeing:checkin"))
results["wellbeing:checkin"] = page.status_code
pending = page.context["pending"]
if pending is None:  # the page offers the way back
    results["checkin_leads_home"] = 'href="/"' in page.content.decode()
else:  # skipping the open check-in leads back
    skipped = client.post(
        reverse("wellbeing:checkin"),
        {"form_code": pending.form, "period": pending.period, "skip": "1"},
    )
    results["checkin_leads_home"] = skipped["Location"] == "/"
skipped = client.post(reverse("wellbeing:checkin"), {"form_code": "nope", "period": "x"})
results["checkin_refusal_redirect"] = skipped["Location"]
print(json.dumps(results))
sys.exit(0)
