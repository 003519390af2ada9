from django.core.management.base import BaseCommand
from django.db import transaction

from training.demo.hiring import load_hiring
from training.demo.library import load_library
from training.demo.people import load_people
from training.demo.portal import load_portal
from training.demo.quiz import load_quiz
from training.demo.site import load_site
from training.demo.wellbeing import load_wellbeing


class Command(BaseCommand):
    help = "Load the demo company, people, teams, pages and content. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            logins = load_people()
            load_site()
            load_portal()
            load_quiz()
            load_library()
            load_hiring()
            load_wellbeing()
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        if options["verbosity"] > 0:
            self.stdout.write("Demo logins (password: steady-demo):")
            for login in logins:
                self.stdout.write(f"  {login.username:<16} {login.role}")
