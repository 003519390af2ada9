"""Invitations of candidates to a hiring quiz: create (one or many), send, resend,
extend, revoke, and open by token.

The token is `secrets.token_urlsafe(32)`; only its SHA-256 is stored, so the raw
token exists in the e-mail alone. Resending therefore issues a new token (the old
link stops working). Every recruiter action is written to the Wagtail audit log.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses.conf import steady_setting
from courses.lib.urls import absolute_url

from ..models import Candidate, Invitation, Position

MAX_BULK_ROWS = 500


class InvitationError(Exception):
    """A recruiter's request that cannot be honoured; `message` is for people."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


# --- tokens ----------------------------------------------------------------------------


def token_hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8", "replace")).hexdigest()


def token_new() -> tuple[str, str]:
    """A fresh (raw token, its hash)."""
    raw = secrets.token_urlsafe(32)
    return raw, token_hash(raw)


def invitation_link(*, raw_token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("hiring:assessment_landing", args=[raw_token])
    return absolute_url(path)


# --- e-mail ----------------------------------------------------------------------------


def invitation_email_render(*, invitation: Invitation, raw_token: str) -> EmailMultiAlternatives:
    """The invitation e-mail (text and HTML) in the candidate's language."""
    candidate = invitation.candidate
    with translation.override(candidate.language):
        context = {
            "candidate": candidate,
            "position": candidate.position,
            "quiz": invitation.quiz,
            "link": invitation_link(raw_token=raw_token, language=candidate.language),
            "expires_at": invitation.expires_at,
            "minutes": (invitation.quiz.time_limit_seconds + 59) // 60,
            "retention_days": steady_setting("CANDIDATE_RETENTION_DAYS"),
        }
        subject = str(
            _("Your assessment for the position %(position)s") % {"position": candidate.position}
        )
        text = render_to_string("hiring/email/invitation.txt", context)
        html = render_to_string("hiring/email/invitation.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[candidate.email])
    message.attach_alternative(html, "text/html")
    return message


def _send(invitation: Invitation, raw_token: str, *, now) -> None:
    invitation_email_render(invitation=invitation, raw_token=raw_token).send()
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=now)
    invitation.sent_at = now


# --- create ----------------------------------------------------------------------------


def _audit(candidate: Candidate, action: str, *, user, data: dict | None = None) -> None:
    log(instance=candidate, action=action, user=user, data=data or {})


def _create(*, recruiter, quiz, name, email, position, language, now) -> tuple[Invitation, str]:
    if quiz.mode != quiz.Mode.HIRING:
        raise InvitationError(_("Candidates can only be invited to a hiring assessment."))
    candidate = Candidate.objects.create(
        name=name.strip(),
        email=email.strip(),
        position=position,
        language=language,
        created_at=now,
    )
    raw, hashed = token_new()
    invitation = Invitation.objects.create(
        candidate=candidate,
        quiz=quiz,
        token_hash=hashed,
        created_by=recruiter,
        created_at=now,
        expires_at=now + timedelta(days=steady_setting("INVITATION_VALID_DAYS")),
        sent_count=1,
    )
    _audit(candidate, "steady.invite", user=recruiter, data={"quiz": quiz.pk})
    return invitation, raw


def invitation_create(
    *,
    recruiter,
    quiz,
    name: str,
    email: str,
    position: Position,
    language: str,
    now,
    send: bool = True,
) -> Invitation:
    """Create a candidate with an invitation to `quiz` and e-mail them the link.

    `send=False` (the demo) creates the invitation without an e-mail; its link is
    then unknown to anyone until a resend."""
    with transaction.atomic():
        invitation, raw = _create(
            recruiter=recruiter,
            quiz=quiz,
            name=name,
            email=email,
            position=position,
            language=language,
            now=now,
        )
    if send:
        _send(invitation, raw, now=now)
    return invitation


@dataclass
class InviteeRow:
    line: int
    name: str
    email: str
    position: Position


@dataclass
class BulkResult:
    created: list[Invitation] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def invitation_rows_parse(
    *, text: str, default_position: Position | None
) -> tuple[list[InviteeRow], list[tuple[int, str]]]:
    """Rows "name, e-mail, position" (a header line is skipped); errors per line."""
    positions = {p.title.casefold(): p for p in Position.objects.all()}
    rows: list[InviteeRow] = []
    errors: list[tuple[int, str]] = []
    seen: set[str] = set()
    reader = csv.reader(io.StringIO(text.strip()))
    for line, cells in enumerate(reader, start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if line == 1 and cells and cells[0].casefold() in ("name", "имя", "imię"):
            continue
        if len(rows) + len(errors) >= MAX_BULK_ROWS:
            errors.append((line, str(_("Too many rows: at most 500 at a time."))))
            break
        name = cells[0] if cells else ""
        email = cells[1] if len(cells) > 1 else ""
        title = cells[2] if len(cells) > 2 else ""
        if not name:
            errors.append((line, str(_("The name is missing."))))
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                (line, str(_("“%(email)s” is not an e-mail address.") % {"email": email}))
            )
            continue
        if email.casefold() in seen:
            errors.append((line, str(_("This e-mail address appears twice in the list."))))
            continue
        seen.add(email.casefold())
        position = positions.get(title.casefold()) if title else default_position
        if position is None:
            message = (
                _("There is no position “%(title)s”.") % {"title": title}
                if title
                else _("No position given, and no default position chosen.")
            )
            errors.append((line, str(message)))
            continue
        rows.append(InviteeRow(line=line, name=name, email=email, position=position))
    if not rows and not errors:
        errors.append((0, str(_("The list is empty."))))
    return rows, errors


def invitation_create_bulk(
    *, recruiter, quiz, text: str, default_position: Position | None, language: str, now
) -> BulkResult:
    """Invite everyone in a pasted list or CSV; any bad row means nobody is invited."""
    rows, errors = invitation_rows_parse(text=text, default_position=default_position)
    result = BulkResult(errors=errors)
    if errors:
        return result
    created: list[tuple[Invitation, str]] = []
    with transaction.atomic():
        for row in rows:
            created.append(
                _create(
                    recruiter=recruiter,
                    quiz=quiz,
                    name=row.name,
                    email=row.email,
                    position=row.position,
                    language=language,
                    now=now,
                )
            )
    for invitation, raw in created:
        _send(invitation, raw, now=now)
        result.created.append(invitation)
    return result


# --- recruiter actions -----------------------------------------------------------------


def _refuse_if_closed(invitation: Invitation) -> None:
    if invitation.candidate.is_purged:
        raise InvitationError(_("This candidate's data has been removed."))
    if invitation.revoked_at is not None:
        raise InvitationError(_("This invitation was revoked."))


def _token_renew(invitation: Invitation, *, recruiter, now, action: str) -> str:
    """Give the invitation a fresh token (the previous link stops working); its raw value."""
    _refuse_if_closed(invitation)
    raw, hashed = token_new()
    with transaction.atomic():
        invitation.token_hash = hashed
        invitation.sent_count += 1
        if invitation.expires_at < now:
            invitation.expires_at = now + timedelta(days=steady_setting("INVITATION_VALID_DAYS"))
        invitation.save(update_fields=["token_hash", "sent_count", "expires_at"])
        _audit(invitation.candidate, action, user=recruiter)
    return raw


def invitation_resend(*, invitation: Invitation, recruiter, now) -> Invitation:
    """Send a fresh link (the previous one stops working); the attempt, if any, is kept."""
    raw = _token_renew(invitation, recruiter=recruiter, now=now, action="steady.resend")
    _send(invitation, raw, now=now)
    return invitation


def invitation_link_renew(*, invitation: Invitation, recruiter, now) -> str:
    """A fresh link for the recruiter to pass on themselves (chat, phone), not e-mailed.

    Only the token's hash is ever stored, so a link cannot be shown again later: this
    makes a new one, and the previous link stops working.
    """
    raw = _token_renew(invitation, recruiter=recruiter, now=now, action="steady.link")
    return invitation_link(raw_token=raw, language=invitation.candidate.language)


def invitation_extend(*, invitation: Invitation, recruiter, days: int, now) -> Invitation:
    """Move the expiry `days` further (counted from now if it has already passed)."""
    _refuse_if_closed(invitation)
    if not 1 <= days <= 90:
        raise InvitationError(_("Extend by 1 to 90 days."))
    with transaction.atomic():
        invitation.expires_at = max(invitation.expires_at, now) + timedelta(days=days)
        invitation.save(update_fields=["expires_at"])
        _audit(invitation.candidate, "steady.extend", user=recruiter, data={"days": days})
    return invitation


def invitation_revoke(*, invitation: Invitation, recruiter, now) -> Invitation:
    """The link stops working at once; an attempt in progress takes no more answers."""
    if invitation.revoked_at is not None:
        return invitation
    with transaction.atomic():
        invitation.revoked_at = now
        invitation.save(update_fields=["revoked_at"])
        _audit(invitation.candidate, "steady.revoke", user=recruiter)
    return invitation


# --- the candidate's side --------------------------------------------------------------


class LinkState:
    OK = "ok"
    INVALID = "invalid"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class OpenedLink:
    state: str
    invitation: Invitation | None = None

    @property
    def ok(self) -> bool:
        return self.state == LinkState.OK


def invitation_open(*, raw_token: str, now) -> OpenedLink:
    """The invitation behind a raw token, and whether it can be used now.

    The link resumes the candidate's one attempt until that attempt's deadline;
    once the attempt is closed the link is "used". Anything that is not a live
    invitation only learns its state, never whose it is.
    """
    if not raw_token or len(raw_token) > 100:
        return OpenedLink(LinkState.INVALID)
    hashed = token_hash(raw_token)
    invitation = (
        Invitation.objects.select_related("candidate", "quiz", "attempt")
        .filter(token_hash=hashed)
        .first()
    )
    # The lookup is by hash, so its timing says nothing about the token; the
    # comparison is constant-time all the same.
    if invitation is None or not hmac.compare_digest(invitation.token_hash, hashed):
        return OpenedLink(LinkState.INVALID)
    if invitation.candidate.is_purged:
        return OpenedLink(LinkState.INVALID)
    if invitation.revoked_at is not None:
        return OpenedLink(LinkState.REVOKED)
    attempt = invitation.attempt
    if attempt is not None:
        over = attempt.status != attempt.Status.OPEN or (
            attempt.deadline is not None and now > attempt.deadline
        )
        return OpenedLink(LinkState.USED if over else LinkState.OK, invitation)
    if now > invitation.expires_at:
        return OpenedLink(LinkState.EXPIRED)
    return OpenedLink(LinkState.OK, invitation)
