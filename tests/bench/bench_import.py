"""Benchmark of the workload import: a 100,000-row CSV read, checked and written.

Run: ``python tests/bench/bench_import.py [--rows 100000]``. Uses Django with
``training.settings.test`` on a temporary SQLite file (migrated first, not
timed). Prints one JSON line per figure:
``{"bench": "import", "figure": "...", "value": ..., "unit": "rows/s"}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def emit(figure: str, value: float, unit: str) -> None:
    print(json.dumps({"bench": "import", "figure": figure, "value": round(value, 1), "unit": unit}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=500)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="steady-bench-")
    os.environ["SQLITE_PATH"] = str(Path(workdir) / "bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "training.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)

    from django.contrib.auth import get_user_model

    from courses.models import Team, TeamMembership
    from wellbeing.loaders import workload_upsert
    from wellbeing.services import import_check

    team = Team.objects.create(name="Bench", slug="bench")
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"p{n}", email=f"p{n}@bench.example") for n in range(args.people)
    )
    TeamMembership.objects.bulk_create(TeamMembership(team=team, user=u) for u in users)

    days = args.rows // args.people
    today = dt.date(2026, 11, 27)
    first = today - dt.timedelta(days=days)
    lines = ["email;date;contacts;hours_worked;occupancy_pct;overtime_h;hostile_contacts"]
    for n in range(args.people):
        for d in range(days):
            day = first + dt.timedelta(days=d)
            lines.append(
                f"p{n}@bench.example;{day:%d.%m.%Y};{40 + (n + d) % 9};"
                f"{7 + (n * d) % 3},5;{75 + (n + 3 * d) % 20},5;{(n + d) % 2};{(n * 7 + d) % 5}"
            )
    data = ("\n".join(lines) + "\n").encode("cp1251")
    rows = len(lines) - 1

    start = time.perf_counter()
    checked = import_check(data=data, today=today)
    checked_at = time.perf_counter()
    assert checked.ok, checked.issues[:3]
    with transaction.atomic():
        created, _updated, _same = workload_upsert(checked.valid_rows)
    written_at = time.perf_counter()
    assert created == rows

    again = time.perf_counter()
    with transaction.atomic():
        _c, _u, unchanged = workload_upsert(import_check(data=data, today=today).valid_rows)
    again_done = time.perf_counter()
    assert unchanged == rows

    emit("read_and_check", rows / (checked_at - start), "rows/s")
    emit("write_new", rows / (written_at - checked_at), "rows/s")
    emit("import_total", rows / (written_at - start), "rows/s")
    emit("reimport_unchanged", rows / (again_done - again), "rows/s")
    emit("rows", rows, "rows")


if __name__ == "__main__":
    main()
