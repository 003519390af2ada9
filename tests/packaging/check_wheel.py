"""Check that the built wheel is the plugin: its three apps with templates, static files,
compiled catalogues and migrations, and nothing of the demo host."""

import sys
import zipfile

REQUIRED = [
    "courses/apps.py",
    "courses/migrations/0001_initial.py",
    "courses/migrations/0002_roles.py",
    "courses/locale/ru/LC_MESSAGES/django.mo",
    "courses/locale/pl/LC_MESSAGES/django.mo",
    "courses/templates/courses/my_training.html",
    "hiring/apps.py",
    "hiring/migrations/0001_initial.py",
    "hiring/locale/ru/LC_MESSAGES/django.mo",
    "hiring/locale/pl/LC_MESSAGES/django.mo",
    "hiring/templates/hiring/recruiter/candidate_list.html",
    "hiring/templates/hiring/assessment/take.html",
    "hiring/static/hiring/hiring.js",
    "wellbeing/apps.py",
    "wellbeing/migrations/0001_initial.py",
    "wellbeing/locale/ru/LC_MESSAGES/django.mo",
    "wellbeing/locale/pl/LC_MESSAGES/django.mo",
    "wellbeing/templates/wellbeing/team_dashboard.html",
]
FORBIDDEN_PREFIXES = ("training/", "tests/", "fixtures/")


def main(path: str) -> int:
    names = set(zipfile.ZipFile(path).namelist())
    missing = [name for name in REQUIRED if name not in names]
    stray = sorted(n for n in names if n.startswith(FORBIDDEN_PREFIXES))
    if missing or stray:
        for name in missing:
            print(f"missing from the wheel: {name}")
        for name in stray:
            print(f"should not be in the wheel: {name}")
        return 1
    print(f"{path}: {len(names)} files, plugin contents complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
