from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wellbeing.services import issue_message, workload_file_import


class Command(BaseCommand):
    help = (
        "Import daily workload records from a CSV or XLSX file. With any invalid row nothing "
        "is written, unless --valid-only. Re-importing the same file changes nothing. The "
        "file is read in chunks, so its size does not bound memory."
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
        with file.open("rb") as handle:
            scan, written = workload_file_import(
                source=handle, valid_only=valid_only, today=timezone.localdate(), dry_run=dry_run
            )
        for issue in [*scan.file_issues, *scan.issues]:
            self.stderr.write(
                f"row {issue.row}, {issue.column or '-'}: {issue_message(issue.code, issue.params)}"
            )
        if scan.issues_total > len(scan.issues):
            self.stderr.write(f"... and {scan.issues_total - len(scan.issues)} more problems.")
        self.stdout.write(
            f"{scan.total} rows, {scan.valid} valid, {scan.rows_with_problems} with problems "
            f"({scan.issues_total} problems)."
        )
        if scan.file_issues:
            raise CommandError("The file cannot be imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing written.")
            return
        if written is None:
            if valid_only and not scan.valid:
                self.stdout.write("Nothing written: no valid row.")
                return
            raise CommandError("Nothing written: fix the rows above, or use --valid-only.")
        created, updated, unchanged = written
        self.stdout.write(
            self.style.SUCCESS(f"{created} created, {updated} updated, {unchanged} unchanged.")
        )
