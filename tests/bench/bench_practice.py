"""Server time of "Check my reply" (live practice), measured in process after warm-up.

Run: python tests/bench/bench_practice.py. Builds a throw-away test database, signs a
learner in, and posts drafts to the practice endpoint through Django's test client: one
client, one request at a time, the whole server side of a request (middleware, routing,
session, rate limit, database reads, scoring, JSON) and no network. Prints p50 and p95
in milliseconds (wall clock), the p95 of the request's CPU time and, as the machine is
shared, the wall-clock p95's ratio to the scorer alone measured in the same run and the
load average while it ran.

The drafts are not a handful repeated (the scorer's per-word caches would make every
request after the first a best case): warm-up posts the development ("tune") replies of
the en, ru and pl rewrite sets, and the measured requests post the held-out replies,
each once, to an attempt in that language, so many of their words are new to the caches.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

ROLES = ("original", "good", "bad")


def emit(figure: str, value: float, unit: str, **extra) -> None:
    line = {"bench": "practice", "figure": figure, "value": value, "unit": unit, **extra}
    print(json.dumps(line), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    setup_test_environment()
    settings.STEADY_PRACTICE_RATE_LIMIT = "100000/1m"
    setup_databases(verbosity=0, interactive=False)

    from courses.models import Attempt
    from courses.scoring.evaluation import load_items
    from courses.scoring.rephrasing import SUPPORTED_LANGUAGES, score_reply
    from courses.services.attempts import attempt_start
    from tests.courses.quizzes import question, quiz
    from tests.factories import agent
    from training.demo.site import load_site

    home = load_site()
    q = question("rephrasing")
    learner = agent()
    attempts = {}
    for language in SUPPORTED_LANGUAGES:
        page = quiz(home, [q], mode="refresher", live_practice=True)
        attempts[language] = attempt_start(quiz=page, user=learner, now=timezone.now())
        Attempt.objects.filter(pk=attempts[language].pk).update(language=language)
    client = Client()
    client.force_login(learner)
    url = reverse("courses:practice_check")

    def drafts(split: str) -> list[tuple[str, str]]:
        return [
            (language, item[role])
            for language in SUPPORTED_LANGUAGES
            for item in load_items(language=language, split=split)
            for role in ROLES
        ]

    cpu: list[float] = []

    def post(language: str, text: str) -> float:
        attempt = attempts[language]
        body = json.dumps({"text": text, "attempt": attempt.pk, "question": q.pk})
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.post(url, body, content_type="application/json")
        elapsed = (time.perf_counter() - started) * 1000
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.content
        assert "score" in response.json(), response.content
        return elapsed

    for language, text in drafts("tune"):
        post(language, text)
    cpu.clear()
    load_before = os.getloadavg()[0]
    measured = drafts("holdout")
    server = [post(language, text) for language, text in measured]
    load_after = os.getloadavg()[0]
    scorer = []
    for language, text in measured:
        started = time.perf_counter()
        score_reply(text, language=language, original=q.original)
        scorer.append((time.perf_counter() - started) * 1000)
    runs = len(server)
    load = {"load_1min": [round(load_before, 2), round(load_after, 2)], "cores": os.cpu_count()}
    p95 = percentile(server, 0.95)
    emit("check_reply_p50", round(statistics.median(server), 2), "ms", runs=runs)
    emit("check_reply_p95", round(p95, 2), "ms", runs=runs, goal="< 100", **load)
    # CPU time of the request (the server runs in this process): what the request costs
    # when the shared machine's other work is taken out of the wall-clock figure.
    emit("check_reply_cpu_p95", round(percentile(cpu, 0.95), 2), "ms", runs=runs)
    emit(
        "check_reply_p95_over_scorer_p95",
        round(p95 / percentile(scorer, 0.95), 2),
        "ratio",
        scorer_p95_ms=round(percentile(scorer, 0.95), 2),
    )


if __name__ == "__main__":
    main()
