"""Check-in submissions per second: gunicorn, 2 sync workers, SQLite, 50 concurrent clients.

Run: python tests/bench/bench_checkins.py [--people 600] [--clients 50]

Builds a temporary migrated SQLite database with one team of `people` members
(base settings, DEBUG off), starts gunicorn on it, lets every member load the
check-in page (not timed) and then post their answer from `clients` threads at
once (timed). Prints JSON lines: submissions/s, p50/p95 latency, errors and
"database is locked" lines in the server log.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PULSE = {"sib_1": "3", "cbi_w1": "2", "cbi_w4": "3"}

SETUP = """
import django, json, sys
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from courses.models import Team, TeamMembership
people = int(sys.argv[1])
team = Team.objects.create(name="Bench", slug="bench")
User = get_user_model()
users = User.objects.bulk_create(User(username=f"bench{i}") for i in range(people))
TeamMembership.objects.bulk_create(
    TeamMembership(team=team, user=u, role=TeamMembership.Role.MEMBER) for u in users
)
keys = []
for user in users:
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps(keys))
"""


def emit(figure: str, value: float, unit: str) -> None:
    print(json.dumps({"bench": "checkins", "figure": figure, "value": value, "unit": unit}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="steady-bench-checkins-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "training.settings.base",
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "SECRET_KEY": "bench-" + "x" * 50,
    }
    env.pop("DATABASE_URL")
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    made = subprocess.run(
        [python, "-c", SETUP, str(args.people)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    keys = json.loads(made.stdout.strip().splitlines()[-1])

    port = _free_port()
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "training.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--env",
            "ALLOWED_HOSTS=*",
        ],
        cwd=ROOT,
        env={**env, "ALLOWED_HOSTS": "*"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(base + "/", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.2)

        def prepare(key: str):
            session = requests.Session()
            session.cookies.set("sessionid", key)
            page = session.get(base + "/checkin/", timeout=30).text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            period = re.search(r'name="period" value="([^"]+)"', page).group(1)
            form_code = re.search(r'name="form_code" value="([^"]+)"', page).group(1)
            return session, {
                "csrfmiddlewaretoken": token,
                "period": period,
                "form_code": form_code,
                **PULSE,
                "answer": "1",
            }

        with ThreadPoolExecutor(args.clients) as pool:
            prepared = list(pool.map(prepare, keys))

        def submit(item):
            session, data = item
            started = time.perf_counter()
            try:
                response = session.post(
                    base + "/checkin/",
                    data=data,
                    headers={"Referer": base + "/checkin/"},
                    allow_redirects=False,
                    timeout=60,
                )
                ok = response.status_code == 302 and "checkin" not in response.headers.get(
                    "Location", "checkin"
                )
            except requests.RequestException:
                ok = False
            return time.perf_counter() - started, ok

        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(submit, prepared))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    latencies = sorted(r[0] for r in results)
    errors = sum(not r[1] for r in results)
    locked = (tmp / "gunicorn.log").read_text().count("database is locked")
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    emit("submissions_per_s", round(len(results) / elapsed, 1), "1/s")
    emit("p50_latency", round(statistics.median(latencies) * 1000, 1), "ms")
    emit("p95_latency", round(p95 * 1000, 1), "ms")
    emit("errors", errors, "count")
    emit("database_is_locked", locked, "count")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
