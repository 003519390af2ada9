"""Autosave benchmark: answer saves per second with 50 concurrent takers.

Not a test (pytest does not collect it). Run against a throw-away database:

    .venv/bin/python tests/bench/bench_autosave.py        (a temporary SQLite file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> \
        .venv/bin/python tests/bench/bench_autosave.py

Each taker runs in its own thread (its own connection) and saves every answer of a
10-question attempt three times over, as a person changing their mind would. At the
end it checks that no answer was lost or duplicated: exactly one row per question,
holding the last value sent.
"""

import json
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

TAKERS = int(os.environ.get("BENCH_TAKERS", "50"))
QUESTIONS = 10
ROUNDS = 3


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.test")
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("SQLITE_PATH", os.path.join(tempfile.mkdtemp(), "bench.sqlite3"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from courses.models import Answer
    from courses.services.attempts import attempt_answer_save, attempt_start
    from tests.courses.quizzes import question, quiz
    from training.demo.site import load_site

    home = load_site()
    stamp = str(int(time.time()))
    questions = [question("single", title=f"bench {stamp} {i}") for i in range(QUESTIONS)]
    page = quiz(home, questions, slug=f"bench-{stamp}", title=f"Bench {stamp}")
    User = get_user_model()
    now = datetime.now(UTC)
    attempts = []
    for n in range(TAKERS):
        user = User.objects.create(username=f"bench-{stamp}-{n}")
        attempts.append(attempt_start(quiz=page, user=user, now=now))
    connection.close()

    errors: list[str] = []
    barrier = threading.Barrier(TAKERS)

    def take(attempt) -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            for round_ in range(ROUNDS):
                for q in questions:
                    attempt_answer_save(
                        attempt=attempt,
                        question=q,
                        answer={"choice": round_ % 2},
                        now=datetime.now(UTC),
                    )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=take, args=(a,)) for a in attempts]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    saves = TAKERS * QUESTIONS * ROUNDS
    rows = Answer.objects.filter(attempt__in=attempts)
    expected_last = (ROUNDS - 1) % 2
    wrong = rows.exclude(response={"choice": expected_last}).count()

    def emit(figure, value, unit):
        print(
            json.dumps(
                {
                    "bench": f"autosave_{connection.vendor}",
                    "figure": figure,
                    "value": value,
                    "unit": unit,
                }
            )
        )

    emit("saves_per_second", round(saves / elapsed), "saves/s")
    emit("takers", TAKERS, "concurrent takers")
    emit("lost_or_wrong_answers", wrong + abs(rows.count() - TAKERS * QUESTIONS), "answers")
    emit("errors", len(errors), "errors")
    ok = not errors and rows.count() == TAKERS * QUESTIONS and wrong == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
