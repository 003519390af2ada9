"""Learner pages benchmark: the lesson and the course page under 16 concurrent clients.

Not a test (pytest does not collect it). It serves the demo the way a small
production site would and measures what a signed-in learner gets:

    .venv/bin/python tests/bench/bench_pages.py

1. A temporary SQLite database is migrated and filled by `load_demo`.
2. gunicorn serves it: 2 sync workers, DEBUG off (training.settings.base).
3. The demo agent ("agent", enrolled in the law course) signs in once; every client
   sends that session cookie.
4. The lesson page, then the course page, are loaded by 16 concurrent clients for
   BENCH_SECONDS each (15 by default, in BENCH_ROUNDS rounds) after a short warm-up:
   with wrk when it is at /usr/bin/wrk, otherwise with threads over http.client.

Each figure is one JSON line: requests per second, p50 and p95 latency per page.
To compare with another LMS in the same run, serve it next to this one (gunicorn,
2 sync workers, SQLite, DEBUG off) with a learner "agent" / "steady-demo" who signs
in at /accounts/login/, and set BENCH_PEER_PORT, BENCH_PEER_LESSON and
BENCH_PEER_COURSE (paths): its pages are loaded the same way, alternating with
ours page by page, and the ratios are printed too.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP_SECONDS = 2.0
WRK = "/usr/bin/wrk"
PASSWORD = "steady-demo"

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_us": %d, "p95_us": %d, "errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def emit(figure: str, value: float, unit: str) -> None:
    print(json.dumps({"bench": "pages", "figure": figure, "value": round(value, 2), "unit": unit}))
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict) -> tuple[str, str]:
    """Migrate and load the demo; return the agent's (lesson path, course path)."""
    run = [sys.executable, "manage.py"]
    subprocess.run([*run, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*run, "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    probe = (
        "from courses.models import Enrolment, LessonPage\n"
        "e = (Enrolment.objects.filter(user__username='agent', active=True,"
        " completed_at__isnull=True).select_related('course').order_by('pk').first())\n"
        "lesson = LessonPage.objects.child_of(e.course).live().order_by('path').first()\n"
        "print(lesson.url_path, e.course.url_path)\n"
    )
    out = subprocess.run(
        [*run, "shell", "-c", probe], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    # url_path starts with the site root's path ("/home/"): the site serves below it.
    lesson, course = ("/" + p.strip("/").split("/", 1)[1] + "/" for p in out[-2:])
    return lesson, course


def sign_in(port: int) -> str:
    """The session cookie of the demo agent, signed in through the login form."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    body = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = f"csrfmiddlewaretoken={token}&username=agent&password={PASSWORD}"
    conn.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
    if response.status != 302 or session is None:
        raise SystemExit(f"The demo agent could not sign in (HTTP {response.status}).")
    return f"sessionid={session.group(1)}; csrftoken={csrf_cookie}"


def load_with_threads(url: str, cookie: str, seconds: float) -> dict:
    parts = urlsplit(url)
    stop = time.perf_counter() + seconds
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine = []
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                conn.request("GET", parts.path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                ok = False
            if ok:
                mine.append(time.perf_counter() - started)
            else:
                with lock:
                    failures[0] += 1
        with lock:
            latencies.extend(mine)

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()

    def pick(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0.0

    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": pick(0.50) * 1000,
        "p95_ms": pick(0.95) * 1000,
        "failures": failures[0],
    }


def load_with_wrk(url: str, cookie: str, seconds: float, script: str) -> dict:
    out = subprocess.run(
        [
            WRK,
            f"-t{min(CLIENTS, 4)}",
            f"-c{CLIENTS}",
            f"-d{max(1, int(seconds))}s",
            "--timeout",
            "30s",
            "-s",
            script,
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = json.loads(out.strip().splitlines()[-1])
    return {
        "rps": found["requests"] / found["seconds"],
        "p50_ms": found["p50_us"] / 1000,
        "p95_ms": found["p95_us"] / 1000,
        "failures": found["errors"] + found["non2xx"],
    }


def _loader(url: str, cookie: str, script: str | None):
    if script:
        return lambda seconds: load_with_wrk(url, cookie, seconds, script)
    return lambda seconds: load_with_threads(url, cookie, seconds)


def measure(name: str, loads: dict) -> dict:
    """Load each server's page in alternating rounds (ours, the peer's, ours, …), so a
    busy moment of the shared machine falls on both; figures are the rounds' means."""
    for load in loads.values():
        load(WARMUP_SECONDS)
    rounds: dict[str, list[dict]] = {who: [] for who in loads}
    for _ in range(ROUNDS):
        for who, load in loads.items():
            rounds[who].append(load(SECONDS / ROUNDS))
    result = {}
    for who, found in rounds.items():
        failures = sum(r["failures"] for r in found)
        if failures:
            raise SystemExit(f"{who} {name}: {failures} requests failed or were not 200.")
        mean = {key: sum(r[key] for r in found) / len(found) for key in ("rps", "p50_ms", "p95_ms")}
        label = name if who == "ours" else f"peer {name}"
        emit(f"{label} requests per second", mean["rps"], "req/s")
        emit(f"{label} p50", mean["p50_ms"], "ms")
        emit(f"{label} p95", mean["p95_ms"], "ms")
        result[who] = mean
    return result


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="steady-bench-pages-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "training.settings.base",  # DEBUG off
        "SQLITE_PATH": str(work / "bench.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    lesson, course = prepare(env)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "training.wsgi",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    script = None
    if os.access(WRK, os.X_OK):
        script = str(work / "report.lua")
        Path(script).write_text(WRK_SCRIPT)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        cookie = sign_in(port)
        peer_port = int(os.environ.get("BENCH_PEER_PORT", "0"))
        peer_cookie = sign_in(peer_port) if peer_port else ""
        for page, path in (("lesson", lesson), ("course", course)):
            loads = {"ours": _loader(f"http://127.0.0.1:{port}{path}", cookie, script)}
            peer_path = os.environ.get(f"BENCH_PEER_{page.upper()}")
            if peer_port and peer_path:
                peer_url = f"http://127.0.0.1:{peer_port}{peer_path}"
                loads["peer"] = _loader(peer_url, peer_cookie, script)
            found = measure(f"{page} page", loads)
            if "peer" in found:
                ours, peer = found["ours"], found["peer"]
                emit(f"{page} page throughput vs peer", ours["rps"] / peer["rps"], "x")
                emit(f"{page} page p95 vs peer", ours["p95_ms"] / peer["p95_ms"], "x")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
