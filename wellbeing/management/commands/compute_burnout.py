import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wellbeing.services import warnings_compute


class Command(BaseCommand):
    help = "Compute burnout warnings for the latest complete week (replaces, never duplicates)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="Last day with data, YYYY-MM-DD (default: yesterday).")

    def handle(self, *args, as_of=None, **options):
        try:
            day = (
                dt.date.fromisoformat(as_of)
                if as_of
                else timezone.localdate() - dt.timedelta(days=1)
            )
        except ValueError as bad:
            raise CommandError(f"--as-of must be a date like 2026-11-22: {bad}") from bad
        written = warnings_compute(as_of=day)
        self.stdout.write(self.style.SUCCESS(f"{written} team warnings computed as of {day}."))
