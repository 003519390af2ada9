"""Hiring after the invitation: consent, the attempt, integrity signals, grading,
decisions, and the removal of personal data (on request or after retention)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses.conf import steady_setting
from courses.models import Answer, Attempt, Question
from courses.services.attempts import attempt_start
from courses.services.grading import answer_grade

from ..models import Candidate, Invitation
from .invitations import InvitationError

MAX_QUESTION_SECONDS = 3600
TEXT_KINDS = (Question.Kind.FREE_TEXT, Question.Kind.REPHRASING)


# --- the candidate ---------------------------------------------------------------------


def invitation_consent(*, invitation: Invitation, now) -> Invitation:
    """Record the candidate's consent (the first time only)."""
    if invitation.consented_at is None:
        Invitation.objects.filter(pk=invitation.pk, consented_at__isnull=True).update(
            consented_at=now
        )
        invitation.consented_at = now
    return invitation


def candidate_attempt_start(*, invitation: Invitation, now) -> Attempt:
    """Start the candidate's one attempt, or resume it; never a second one."""
    if invitation.consented_at is None:
        raise InvitationError(_("Please read the notice and give your consent first."))
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.attempt_id is not None:
            attempt = Attempt.objects.get(pk=locked.attempt_id)
            if attempt.status != Attempt.Status.OPEN:
                raise InvitationError(_("This assessment has already been completed."))
            return attempt
        with translation.override(invitation.candidate.language):
            attempt = attempt_start(
                quiz=invitation.quiz, participant=invitation.participant_key, now=now
            )
        locked.attempt = attempt
        locked.used_at = now
        locked.save(update_fields=["attempt", "used_at"])
    invitation.attempt = attempt
    invitation.used_at = now
    return attempt


def integrity_record(
    *, invitation: Invitation, event: str, question_id: int | None = None, seconds: float = 0
) -> None:
    """Add one browser event: "blur" (the page lost focus), "paste" (into free text),
    or "time" (seconds spent on a question). Events after the attempt closed are ignored."""
    attempt = invitation.attempt
    if attempt is None or attempt.status != Attempt.Status.OPEN:
        return
    if event == "blur":
        Invitation.objects.filter(pk=invitation.pk).update(
            focus_lost_count=F("focus_lost_count") + 1
        )
    elif event == "paste":
        Invitation.objects.filter(pk=invitation.pk).update(paste_count=F("paste_count") + 1)
    elif event == "time" and question_id in attempt.question_ids:
        seconds = max(0.0, min(float(seconds), MAX_QUESTION_SECONDS))
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            spent = dict(locked.question_seconds or {})
            key = str(question_id)
            spent[key] = round(min(spent.get(key, 0) + seconds, MAX_QUESTION_SECONDS), 1)
            locked.question_seconds = spent
            locked.save(update_fields=["question_seconds"])


# --- the recruiter ---------------------------------------------------------------------


def _audit(candidate: Candidate, action: str, *, user, data: dict | None = None) -> None:
    log(instance=candidate, action=action, user=user, data=data or {})


def candidate_answer_grade(*, answer: Answer, score: float, grader, note: str = "") -> Answer:
    """A recruiter's grade for a free-text or rephrasing answer of a candidate."""
    invitation = Invitation.objects.select_related("candidate").get(attempt_id=answer.attempt_id)
    with transaction.atomic():
        answer_grade(answer=answer, score=score, grader=grader, note=note)
        _audit(
            invitation.candidate,
            "steady.grade",
            user=grader,
            data={"answer": answer.pk, "score": score},
        )
    return answer


def candidate_decide(
    *, candidate: Candidate, decision: str, notes: str, recruiter, now
) -> Candidate:
    """Record advance / reject / hold with notes; deciding again replaces the decision."""
    if decision not in Candidate.Decision.values:
        raise InvitationError(_("Choose advance, reject or hold."))
    if candidate.is_purged:
        raise InvitationError(_("This candidate's data has been removed."))
    with transaction.atomic():
        candidate.decision = decision
        candidate.decision_notes = notes.strip()
        candidate.decided_by = recruiter
        candidate.decided_at = now
        candidate.save(update_fields=["decision", "decision_notes", "decided_by", "decided_at"])
        _audit(candidate, "steady.decide", user=recruiter, data={"decision": decision})
    return candidate


# --- privacy ---------------------------------------------------------------------------


def _personal_data_remove(candidate: Candidate, *, now) -> None:
    """Wipe the name, the e-mail, notes and free-text answers; keep the scores."""
    Candidate.objects.filter(pk=candidate.pk).update(
        name="", email="", decision_notes="", purged_at=now
    )
    invitation = Invitation.objects.filter(candidate=candidate).first()
    if invitation is None:
        return
    Invitation.objects.filter(pk=invitation.pk).update(
        revoked_at=Coalesce(F("revoked_at"), Value(now, output_field=DateTimeField()))
    )
    if invitation.attempt_id:
        Answer.objects.filter(
            attempt_id=invitation.attempt_id, question__kind__in=TEXT_KINDS
        ).update(response={}, auto_detail={}, grader_note="")


def candidate_delete_now(*, candidate: Candidate, recruiter, now) -> Candidate:
    """On the candidate's request: remove their personal data at once."""
    with transaction.atomic():
        _personal_data_remove(candidate, now=now)
        _audit(candidate, "steady.delete", user=recruiter)
    candidate.refresh_from_db()
    return candidate


def candidate_purge_expired(*, now) -> int:
    """Remove the personal data of candidates whose retention period has passed.

    The period runs from the candidate's last event (invited, finished, decided).
    Returns how many were purged.
    """
    cutoff = now - timedelta(days=steady_setting("CANDIDATE_RETENTION_DAYS"))
    last_event = Greatest(
        F("created_at"),
        Coalesce(F("decided_at"), F("created_at")),
        Coalesce(F("invitation__attempt__finished_at"), F("created_at")),
    )
    due = (
        Candidate.objects.filter(purged_at__isnull=True)
        .annotate(last_event=last_event)
        .filter(last_event__lt=cutoff)
    )
    purged = 0
    for candidate in due:
        with transaction.atomic():
            _personal_data_remove(candidate, now=now)
            _audit(candidate, "steady.purge", user=None)
        purged += 1
    return purged
