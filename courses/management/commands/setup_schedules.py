from django.core.management.base import BaseCommand

from courses.services.schedules import schedules_sync


class Command(BaseCommand):
    help = "Create or update the django-q2 schedules every Steady app declares. Idempotent."

    def handle(self, *args, **options):
        created, updated = schedules_sync()
        self.stdout.write(
            self.style.SUCCESS(f"Schedules in place: {created} created, {updated} updated.")
        )
