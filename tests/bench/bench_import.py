"""Benchmark of the workload import: a 100,000-row CSV read, checked and written.

Run: ``python tests/bench/bench_import.py [--rows 100000] [--rounds 3]``. Uses
Django with ``training.settings.test`` on a temporary SQLite file, or on a
throw-away test database of ``DATABASE_URL`` (PostgreSQL: new rows go in by
COPY). Migrations are not timed.

The reference, measured in the same run on the same table: a raw
``executemany`` INSERT of the same rows, already as Python tuples (no reading,
no checking). Rounds alternate reference and import, each in a transaction
rolled back afterwards; the best round of each counts. Prints one JSON line
per figure: ``{"bench": "import", "figure": ..., "value": ..., "unit": ...}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def emit(figure: str, value: float, unit: str) -> None:
    print(json.dumps({"bench": "import", "figure": figure, "value": round(value, 3), "unit": unit}))


def write_csv(path: Path, *, people: int, days: int, today: dt.date) -> int:
    first = today - dt.timedelta(days=days)
    with path.open("w", encoding="cp1251", newline="\n") as out:
        out.write("email;date;contacts;hours_worked;occupancy_pct;overtime_h;hostile_contacts\n")
        for n in range(people):
            out.writelines(
                f"p{n}@bench.example;{first + dt.timedelta(days=d):%d.%m.%Y};{40 + (n + d) % 9};"
                f"{7 + (n * d) % 3},5;{75 + (n + 3 * d) % 20},5;{(n + d) % 2};{(n * 7 + d) % 5}\n"
                for d in range(days)
            )
    return people * days


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="steady-bench-"))
    os.environ.setdefault("SQLITE_PATH", str(workdir / "bench.sqlite3"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "training.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    postgres = connection.vendor == "postgresql"
    if postgres:
        test_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    else:
        call_command("migrate", verbosity=0)

    from django.contrib.auth import get_user_model

    from courses.models import Team, TeamMembership
    from wellbeing.importing import RECORD_COLUMNS
    from wellbeing.models import WorkloadRecord
    from wellbeing.services import import_check, workload_file_import

    team = Team.objects.create(name="Bench", slug="bench")
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"p{n}", email=f"p{n}@bench.example") for n in range(args.people)
    )
    TeamMembership.objects.bulk_create(TeamMembership(team=team, user=u) for u in users)

    today = dt.date(2026, 11, 27)
    path = workdir / "workload.csv"
    rows = write_csv(path, people=args.people, days=args.rows // args.people, today=today)

    # The reference rows: the same records as plain tuples, made before any timing.
    checked = import_check(data=path.read_bytes(), today=today)
    assert checked.ok, checked.issues[:3]
    records = checked.valid_rows
    tuples = [
        (
            int(r.person_id), int(r.team_id), r.date.isoformat(), int(r.contacts),
            int(r.handle_time_s), int(r.after_contact_s), float(r.occupancy_pct),
            float(r.hours_worked), float(r.overtime_h), int(r.after_hours_min),
            int(r.hostile_contacts), bool(r.absence), None, None,
        )
        for r in records.itertuples(index=False)
    ]  # fmt: skip
    table = connection.ops.quote_name(WorkloadRecord._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in RECORD_COLUMNS)
    marks = ", ".join(["%s"] * len(RECORD_COLUMNS))

    def raw_executemany() -> tuple[float, float]:
        with transaction.atomic():
            start, cpu = time.perf_counter(), time.process_time()
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuples)
            elapsed = (time.perf_counter() - start, time.process_time() - cpu)
            transaction.set_rollback(True)
        return elapsed

    def steady_import(*, keep: bool = False) -> tuple[float, float]:
        with transaction.atomic():
            start, cpu = time.perf_counter(), time.process_time()
            with path.open("rb") as handle:
                scan, written = workload_file_import(source=handle, valid_only=False, today=today)
            elapsed = (time.perf_counter() - start, time.process_time() - cpu)
            assert written is not None and written[0] == rows, (scan.issues[:3], written)
            transaction.set_rollback(not keep)
        return elapsed

    raw_times, import_times = [], []
    for _ in range(args.rounds):
        raw_times.append(raw_executemany())
        import_times.append(steady_import())
    raw_rate = rows / min(wall for wall, _cpu in raw_times)
    import_rate = rows / min(wall for wall, _cpu in import_times)
    # On a shared, busy machine wall time also counts other processes' turns; the
    # process CPU time (SQLite runs in-process) is the steadier figure.
    raw_cpu_rate = rows / min(cpu for _wall, cpu in raw_times)
    import_cpu_rate = rows / min(cpu for _wall, cpu in import_times)

    tracemalloc.start()
    steady_import(keep=True)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    start = time.perf_counter()
    with path.open("rb") as handle:
        _scan, written = workload_file_import(source=handle, valid_only=False, today=today)
    reimport = time.perf_counter() - start
    assert written == (0, 0, rows), written

    database = "postgresql" if postgres else "sqlite"
    emit(f"read_check_write_{database}", import_rate, "rows/s")
    emit(f"raw_executemany_{database}", raw_rate, "rows/s")
    emit(f"import_vs_raw_executemany_{database}", import_rate / raw_rate, "ratio")
    if not postgres:
        emit("read_check_write_sqlite_cpu", import_cpu_rate, "rows/s of CPU time")
        emit("raw_executemany_sqlite_cpu", raw_cpu_rate, "rows/s of CPU time")
        emit("import_vs_raw_executemany_sqlite_cpu", import_cpu_rate / raw_cpu_rate, "ratio")
    if postgres:
        emit("copy_read_check_write_postgresql", import_rate, "rows/s")
    emit(f"reimport_unchanged_{database}", rows / reimport, "rows/s")
    emit("peak_traced_memory", peak / 2**20, "MiB")
    emit("file_size", path.stat().st_size / 2**20, "MiB")
    emit("rows", rows, "rows")

    if postgres:
        connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
