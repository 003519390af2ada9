"""The hiring models moved from `courses` to `hiring` with their rows.

Rows are written at the schema before the move (`courses.0006`, through the
historical models, the way a site upgrading from that version has them), the
migrations run forward, and every row and value is found again through the new
models, with the audit log and the permissions still attached.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import ModelLogEntry

from courses.models import Attempt
from courses.services.attempts import attempt_start
from hiring.models import Candidate, Invitation, Position, TokenRateLimit
from hiring.selectors import candidate_history
from tests.factories import recruiter

from .helpers import hiring_quiz

BEFORE_THE_MOVE = [("courses", "0006_dialogue_order")]
T0 = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def _rows_at_the_old_schema(apps, *, quiz_id: int, attempt_id: int, user_id: int) -> dict:
    OldPosition = apps.get_model("courses", "Position")
    OldCandidate = apps.get_model("courses", "Candidate")
    OldInvitation = apps.get_model("courses", "Invitation")
    OldRateLimit = apps.get_model("courses", "TokenRateLimit")
    OldContentType = apps.get_model("contenttypes", "ContentType")
    OldLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")

    position = OldPosition.objects.create(title="Night shift agent", description="Calls 22–06")
    decided = OldCandidate.objects.create(
        name="Ada Lovelace",
        email="ada@candidates.example",
        position=position,
        language="pl",
        decision="advance",
        decision_notes="Calm and clear.",
        decided_by_id=user_id,
        decided_at=T0 + timedelta(days=3),
        created_at=T0,
    )
    invitation = OldInvitation.objects.create(
        candidate=decided,
        quiz_id=quiz_id,
        token_hash="a" * 64,
        created_by_id=user_id,
        created_at=T0,
        expires_at=T0 + timedelta(days=14),
        sent_at=T0,
        sent_count=2,
        consented_at=T0 + timedelta(hours=1),
        used_at=T0 + timedelta(hours=1),
        attempt_id=attempt_id,
        focus_lost_count=3,
        paste_count=1,
        question_seconds={"17": 42.5},
    )
    purged = OldCandidate.objects.create(
        name="",
        email="",
        position=position,
        created_at=T0 - timedelta(days=400),
        purged_at=T0,
    )
    counter = OldRateLimit.objects.create(key="k" * 40, window_start=T0, count=7)
    candidate_type = OldContentType.objects.get_or_create(app_label="courses", model="candidate")[0]
    OldLogEntry.objects.create(
        content_type=candidate_type,
        object_id=str(decided.pk),
        label=f"Candidate #{decided.pk}",
        action="steady.decide",
        data={"decision": "advance"},
        timestamp=T0 + timedelta(days=3),
        user_id=user_id,
    )
    return {
        "position": position.pk,
        "decided": decided.pk,
        "invitation": invitation.pk,
        "purged": purged.pk,
        "counter": counter.pk,
        "candidate_type": candidate_type.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_the_hiring_rows_survive_the_move_to_their_own_app(demo_site):
    quiz = hiring_quiz(demo_site)
    attempt = attempt_start(quiz=quiz, participant="candidate-1", now=T0)
    person = recruiter()
    permission_ids = set(
        Permission.objects.filter(content_type__app_label="hiring").values_list("pk", flat=True)
    )

    executor = _migrate(BEFORE_THE_MOVE)
    old_apps = executor.loader.project_state(BEFORE_THE_MOVE).apps
    ids = _rows_at_the_old_schema(
        old_apps, quiz_id=quiz.pk, attempt_id=attempt.pk, user_id=person.pk
    )
    _migrate(executor.loader.graph.leaf_nodes())

    assert Position.objects.get(pk=ids["position"]).description == "Calls 22–06"
    decided = Candidate.objects.get(pk=ids["decided"])
    assert (decided.name, decided.email, decided.language) == (
        "Ada Lovelace",
        "ada@candidates.example",
        "pl",
    )
    assert decided.position_id == ids["position"]
    assert decided.decision == Candidate.Decision.ADVANCE
    assert decided.decision_notes == "Calm and clear."
    assert decided.decided_by == person
    assert decided.decided_at == T0 + timedelta(days=3)

    invitation = Invitation.objects.get(pk=ids["invitation"])
    assert invitation.candidate == decided
    assert invitation.quiz_id == quiz.pk
    assert invitation.attempt == Attempt.objects.get(pk=attempt.pk)
    assert invitation.token_hash == "a" * 64
    assert (invitation.sent_count, invitation.focus_lost_count, invitation.paste_count) == (2, 3, 1)
    assert invitation.question_seconds == {"17": 42.5}
    assert invitation.expires_at == T0 + timedelta(days=14)
    assert invitation.consented_at == invitation.used_at == T0 + timedelta(hours=1)

    purged = Candidate.objects.get(pk=ids["purged"])
    assert purged.is_purged and purged.purged_at == T0
    assert TokenRateLimit.objects.get(pk=ids["counter"]).count == 7
    assert sorted(Candidate.objects.values_list("pk", flat=True)) == sorted(
        [ids["decided"], ids["purged"]]
    )

    # The audit log and the permissions point at the same content type, now hiring's.
    candidate_type = ContentType.objects.get_for_model(Candidate)
    assert candidate_type.pk == ids["candidate_type"]
    assert not ContentType.objects.filter(app_label="courses", model="candidate").exists()
    (entry,) = candidate_history(candidate=decided)
    assert (entry.action, entry.data) == ("steady.decide", {"decision": "advance"})
    assert ModelLogEntry.objects.filter(content_type=candidate_type).count() == 1
    assert permission_ids <= set(
        Permission.objects.filter(content_type__app_label="hiring").values_list("pk", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_the_tables_take_the_hiring_name():
    tables = set(connection.introspection.table_names())
    assert {"hiring_position", "hiring_candidate", "hiring_invitation"} <= tables
    assert not {"courses_position", "courses_candidate", "courses_invitation"} & tables
