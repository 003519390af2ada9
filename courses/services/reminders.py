"""Refreshers, reminders and digests: the daily and weekly work, each item once per period.

Every function takes `today`, so tests move time forward instead of sleeping. The
log row is written in the same transaction as the e-mail is sent; its unique key
(enrolment, kind, period) is what keeps a second run quiet.
"""

import logging
from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..conf import steady_setting
from ..lib.status import iso_week
from ..lib.urls import absolute_url
from ..models import DigestLog, Enrolment, ReminderLog, TeamMembership

log = logging.getLogger(__name__)

REFRESHER_DUE_IN_DAYS = 30


def _language_of(user) -> str:
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    language = profile.preferred_language if profile else ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _link(name: str, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse(name))


def _course_title(course, language: str) -> str:
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:
        translated = course.get_translation_or_none(locale)
        if translated is not None:
            return translated.title
    return course.title


def _mail(user, subject: str, body: str) -> None:
    if user.email:
        send_mail(subject, body, None, [user.email])


def _log_once(*, enrolment: Enrolment, kind: str, period: str) -> bool:
    """Write the log row; False if this reminder was already sent for this period."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                enrolment=enrolment, kind=kind, period=period, sent_at=timezone.now()
            )
    except IntegrityError:
        return False
    return True


def refreshers_run(*, today: date | None = None) -> list[Enrolment]:
    """Re-enrol everyone whose completion has expired, and tell them."""
    today = today or timezone.localdate()
    expired = Enrolment.objects.filter(
        active=True, status=Enrolment.Status.COMPLETED, valid_until__lte=today
    ).select_related("user", "course")
    created = []
    for old in expired:
        with transaction.atomic():
            old.active = False
            old.save(update_fields=["active"])
            refresher = Enrolment.objects.create(
                user=old.user,
                course=old.course,
                path=old.path,
                kind=Enrolment.Kind.REFRESHER,
                enrolled_at=timezone.now(),
                due_on=today + timedelta(days=REFRESHER_DUE_IN_DAYS),
            )
            if _log_once(enrolment=refresher, kind=ReminderLog.Kind.REFRESHER, period=str(today)):
                language = _language_of(old.user)
                with translation.override(language):
                    title = _course_title(old.course, language)
                    _mail(
                        old.user,
                        _("Refresher due: %(course)s") % {"course": title},
                        _(
                            "Your completion of “%(course)s” has expired. A refresher is "
                            "waiting for you, due on %(due)s.\n\nOpen your training: %(link)s"
                        )
                        % {
                            "course": title,
                            "due": refresher.due_on.isoformat(),
                            "link": _link("courses:my_training", language),
                        },
                    )
        created.append(refresher)
    log.info("Refreshers: %d people re-enrolled", len(created))
    return created


def reminders_send(*, today: date | None = None) -> int:
    """Due-soon reminders (once per due date) and overdue ones (once per ISO week)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=steady_setting("REMINDER_DAYS_BEFORE_DUE"))
    open_items = (
        Enrolment.objects.filter(active=True, due_on__isnull=False, due_on__lte=horizon)
        .exclude(status=Enrolment.Status.COMPLETED)
        .select_related("user", "course")
        .order_by("pk")
    )
    sent = 0
    for enrolment in open_items:
        overdue = enrolment.due_on < today
        kind = ReminderLog.Kind.OVERDUE if overdue else ReminderLog.Kind.DUE_SOON
        period = iso_week(today) if overdue else enrolment.due_on.isoformat()
        with transaction.atomic():
            if not _log_once(enrolment=enrolment, kind=kind, period=period):
                continue
            language = _language_of(enrolment.user)
            with translation.override(language):
                title = _course_title(enrolment.course, language)
                values = {
                    "course": title,
                    "due": enrolment.due_on.isoformat(),
                    "link": _link("courses:my_training", language),
                }
                if overdue:
                    subject = _("Overdue: %(course)s") % values
                    body = _(
                        "“%(course)s” was due on %(due)s and is not finished yet. "
                        "Please make time for it this week.\n\nOpen your training: %(link)s"
                    )
                else:
                    subject = _("Due soon: %(course)s") % values
                    body = _("“%(course)s” is due on %(due)s.\n\nOpen your training: %(link)s")
                _mail(enrolment.user, subject, body % values)
            sent += 1
    log.info("Reminders: %d sent", sent)
    return sent


def lead_digests_send(*, today: date | None = None) -> int:
    """Each lead gets, once a week, the list of overdue training in their teams."""
    today = today or timezone.localdate()
    period = iso_week(today)
    memberships = TeamMembership.objects.select_related("team", "user")
    leads_of_team: dict[int, list] = defaultdict(list)
    members_of_team: dict[int, set[int]] = defaultdict(set)
    for m in memberships:
        if m.role == TeamMembership.Role.LEAD:
            leads_of_team[m.team_id].append(m)
        else:
            members_of_team[m.team_id].add(m.user_id)
    overdue = (
        Enrolment.objects.filter(active=True, due_on__lt=today)
        .exclude(status=Enrolment.Status.COMPLETED)
        .select_related("user", "course")
        .order_by("due_on", "pk")
    )
    by_user: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in overdue:
        by_user[enrolment.user_id].append(enrolment)

    items_for_lead: dict[int, tuple] = {}
    for team_id, leads in leads_of_team.items():
        items = [e for uid in sorted(members_of_team[team_id]) for e in by_user.get(uid, [])]
        for lead in leads:
            user, found = items_for_lead.get(lead.user_id, (lead.user, []))
            found.extend((lead.team.label, e) for e in items)
            items_for_lead[lead.user_id] = (user, found)

    sent = 0
    for lead, items in items_for_lead.values():
        if not items:
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    DigestLog.objects.create(user=lead, period=period, sent_at=timezone.now())
            except IntegrityError:
                continue
            language = _language_of(lead)
            with translation.override(language):
                lines = [
                    f"- {team}: {e.user.get_full_name() or e.user.username} — "
                    f"{_course_title(e.course, language)} ({e.due_on.isoformat()})"
                    for team, e in items
                ]
                subject = ngettext(
                    "%(count)d overdue training item in your teams",
                    "%(count)d overdue training items in your teams",
                    len(items),
                ) % {"count": len(items)}
                body = (
                    _("Overdue training in the teams you lead this week:")
                    + "\n\n"
                    + "\n".join(lines)
                    + "\n\n"
                    + _("Team training: %(link)s")
                    % {"link": _link("courses:team_matrix", language)}
                )
                _mail(lead, subject, body)
            sent += 1
    log.info("Lead digests: %d sent", sent)
    return sent
