from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wellbeing.loaders import workload_upsert
from wellbeing.services import import_check, issue_message


class Command(BaseCommand):
    help = (
        "Import daily workload records from a CSV or XLSX file. With any invalid row nothing "
        "is written, unless --valid-only. Re-importing the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--valid-only", action="store_true", help="Import the valid rows, skip the others."
        )

    def handle(self, *args, file: Path, dry_run: bool, valid_only: bool, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        checked = import_check(data=file.read_bytes(), today=timezone.localdate())
        for issue in [*checked.file_issues, *checked.issues]:
            self.stderr.write(
                f"row {issue.row}, {issue.column or '-'}: {issue_message(issue.code, issue.params)}"
            )
        valid = int(checked.valid.sum())
        self.stdout.write(f"{checked.total} rows, {valid} valid, {len(checked.issues)} problems.")
        if checked.file_issues:
            raise CommandError("The file cannot be imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing written.")
            return
        if checked.issues and not valid_only:
            raise CommandError("Nothing written: fix the rows above, or use --valid-only.")
        with transaction.atomic():
            created, updated, unchanged = workload_upsert(checked.valid_rows)
        self.stdout.write(
            self.style.SUCCESS(f"{created} created, {updated} updated, {unchanged} unchanged.")
        )
