from django.core.management.base import BaseCommand
from django.db import transaction

from training.demo.people import load_people
from training.demo.site import load_site
from training.demo.wellbeing import load_wellbeing


class Command(BaseCommand):
    help = "Load the demo company, people, teams, pages and content. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            logins = load_people()
            load_site()
            load_wellbeing()
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        if options["verbosity"] > 1:
            for login in logins:
                self.stdout.write(f"  {login.username:<16} {login.role}")
