"""Import a GIFT or Moodle XML question bank: all of it, or nothing if the file has a problem
(unless ``--skip-unreadable`` asks for the questions that can be read)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.formats import MOODLE_TYPES, FormatError
from courses.services.questions import questions_import, questions_parse


class Command(BaseCommand):
    help = "Import questions from a GIFT (.gift/.txt) or Moodle XML (.xml) file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--category", default="", help="Put every question in this category.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and list, import nothing."
        )
        parser.add_argument("--json", action="store_true", help="One JSON object per question.")
        parser.add_argument(
            "--skip-unreadable",
            action="store_true",
            help="Import the questions that can be read, list and skip the others.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            questions = questions_parse(data=data, filename=path.name)
        except FormatError as error:
            if options["json"]:
                for issue in error.issues:
                    self.stdout.write(
                        json.dumps(
                            {
                                "line": issue.line,
                                "question": issue.question,
                                "error": issue.message,
                            },
                            ensure_ascii=False,
                        )
                    )
            if not (options["skip_unreadable"] and error.readable):
                raise CommandError(str(error)) from error
            if not options["json"]:
                for issue in error.issues:
                    self.stderr.write(f"  skipped {issue}")
            questions = error.readable
        for question in questions:
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        {
                            "title": question.name,
                            "source_type": MOODLE_TYPES.get(question.kind, question.kind),
                            "type": question.kind,
                            "category": options["category"] or question.category,
                            "answers": len(question.options),
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                self.stdout.write(f"  {question.kind:<12} {question.name}")
        imported = 0
        if not options["dry_run"]:
            imported = len(
                questions_import(questions=questions, category_name=options["category"]).created
            )
        summary = {"found": len(questions), "imported": imported, "dry_run": options["dry_run"]}
        if options["json"]:
            self.stdout.write(json.dumps({"summary": summary}))
        else:
            verb = "would be imported" if options["dry_run"] else "imported"
            count = len(questions)
            self.stdout.write(self.style.SUCCESS(f"{count} questions {verb}."))
