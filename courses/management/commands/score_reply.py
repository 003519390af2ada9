"""Try the positive-rephrasing scorer: one reply, or a file of JSON lines."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ("en", "ru", "pl")


def _score(text, *, language, original=None) -> dict:
    from courses.scoring.rephrasing import score_reply

    return score_reply(text, language=language, original=original).as_dict()


class Command(BaseCommand):
    help = (
        "Score a rewritten reply from 0 to 100 and explain the score as JSON. "
        "With --batch FILE, read JSON lines {language, text, original?}; one result a line."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", help="The reply to score.")
        parser.add_argument("--language", choices=LANGUAGES, help="en, ru or pl.")
        parser.add_argument("--original", help="The negative reply it rewrites (facts check).")
        parser.add_argument("--batch", metavar="FILE", help="A file of JSON lines to score.")

    def handle(self, *args, **options):
        if options["batch"]:
            if options["text"]:
                raise CommandError("Give either a TEXT or --batch FILE, not both.", returncode=2)
            return self._batch(Path(options["batch"]))
        if not options["text"] or not options["text"].strip():
            raise CommandError(
                "Give the reply to score as TEXT (or use --batch FILE).", returncode=2
            )
        if not options["language"]:
            raise CommandError("--language is required: en, ru or pl.", returncode=2)
        result = _score(options["text"], language=options["language"], original=options["original"])
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _batch(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}", returncode=2) from error
        problems: list[str] = []
        items: list[dict] = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"line {number}: not JSON ({error.msg})")
                continue
            if not isinstance(item, dict):
                problems.append(f"line {number}: expected an object")
                continue
            if item.get("language") not in LANGUAGES:
                problems.append(f"line {number}: 'language' must be one of en, ru, pl")
            if not isinstance(item.get("text"), str) or not item["text"].strip():
                problems.append(f"line {number}: 'text' must be a non-empty string")
            if item.get("original") is not None and not isinstance(item["original"], str):
                problems.append(f"line {number}: 'original' must be a string")
            items.append(item)
        if problems:
            raise CommandError("Nothing was scored:\n  " + "\n  ".join(problems), returncode=2)
        for item in items:
            result = _score(item["text"], language=item["language"], original=item.get("original"))
            self.stdout.write(json.dumps(result, ensure_ascii=False))
