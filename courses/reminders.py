"""Reminder emails for required courses: to learners before the due date and when overdue, and a
weekly digest to each unit manager. Run daily by Celery beat (courses.tasks).

Each email is sent once per occasion: its ReminderLog rows are claimed (unique constraint)
in the transaction that sends it, so a rerun, or a second worker running at the same time,
finds the claim and sends nothing; a failed send rolls its claim back and the next run retries.

Occasions ("Nhắc hạn" settings in Wagtail's Settings menu):
- before the due date: once per due date, from `days_before_due` days before it to the due date;
- overdue: once when the person becomes overdue (keyed by the due date), and with `overdue_weekly`
  once more in each later ISO week while still overdue;
- manager digest: once per ISO week, on the first run on or after `digest_weekday`, only when
  someone in the manager's scope is overdue.
One learner email covers all the courses of one assignment that are due for the same kind of reminder.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from elearn.addresses import absolute_url, site_url
from elearn.formatting import format_date
from units.models import Cadre, Unit

from .assignments import Status, assignments_in_effect, local_date, statuses
from .models import Assignment, CoursePage, ReminderKind, ReminderLog, ReminderSettings

logger = logging.getLogger(__name__)
CHUNK = 2000
DIGEST_MAX_LINES = 300  # a digest lists at most this many overdue lines (person × course) and counts the rest


def course_url(course):
    parts = course.get_url_parts()
    return absolute_url(parts[2]) if parts else absolute_url("/")


def iso_week(day):
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Due:
    """One course of one learner that a reminder is about."""

    course_id: int
    due_on: date
    occasion: str
    days_overdue: int = 0


def reminder_for(row, today, config):
    """(kind, occasion) of the reminder `row` calls for today, or None."""
    if row.status == Status.OVERDUE:
        became_overdue_week = iso_week(row.due_on + timedelta(days=1))
        if config.overdue_weekly and iso_week(today) != became_overdue_week:
            return ReminderKind.OVERDUE, f"{row.due_on.isoformat()}/{iso_week(today)}"
        return ReminderKind.OVERDUE, row.due_on.isoformat()
    if row.status in Status.NOT_DONE and config.days_before_due:
        if 0 <= (row.due_on - today).days <= config.days_before_due:
            return ReminderKind.BEFORE_DUE, row.due_on.isoformat()
    return None


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _recipients(user_ids):
    """user_id -> (user, display name) for active users with an email address."""
    users = {}
    for chunk in _chunks(user_ids):
        for user in (
            get_user_model().objects.filter(pk__in=chunk, is_active=True).exclude(email="").select_related("cadre")
        ):
            cadre = getattr(user, "cadre", None)
            users[user.pk] = (user, cadre.full_name if cadre else (user.get_full_name() or user.username))
    return users


def _claim(kind, user, occasion, assignment=None, course_id=None):
    """Claim one occasion; False if it was already claimed (by an earlier run or a concurrent one)."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                kind=kind, user=user, assignment=assignment, course_id=course_id, occasion=occasion
            )
    except IntegrityError:
        return False
    return True


def _send(message_kind, subject, recipient, context, connection):
    text = render_to_string(f"emails/{message_kind}.txt", context)
    html = render_to_string(f"emails/{message_kind}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient], connection=connection)
    message.attach_alternative(html, "text/html")
    message.send()


def _send_learner_email(kind, assignment, user, name, items, courses, connection):
    """Claim each course's occasion and send one email for those claimed; True if sent."""
    with transaction.atomic():
        claimed = [item for item in items if _claim(kind, user, item.occasion, assignment, item.course_id)]
        if not claimed:
            return False
        lines = [
            {
                "title": courses[item.course_id].title,
                "url": course_url(courses[item.course_id]),
                "due_on": item.due_on,
                "days_overdue": item.days_overdue,
            }
            for item in claimed
        ]
        earliest = min(item.due_on for item in claimed)
        if kind == ReminderKind.BEFORE_DUE:
            subject = _("Nhắc hạn: hoàn thành khóa học bắt buộc trước ngày %(date)s") % {"date": format_date(earliest)}
            template = "reminder_before_due"
        else:
            subject = _("Quá hạn: khóa học bắt buộc “%(title)s” chưa hoàn thành") % {"title": assignment.title}
            template = "reminder_overdue"
        context = {
            "name": name,
            "assignment": assignment,
            "courses": lines,
            "site_url": site_url(),
            "dashboard_url": absolute_url(reverse("learning:dashboard")),
        }
        _send(template, subject, user.email, context, connection)
    return True


def _pending_learner_reminders(assignment, today, config):
    """(kind, user_id) -> [Due] not yet claimed, for one assignment."""
    pending = defaultdict(list)
    for row in statuses(assignment, today):
        reminder = reminder_for(row, today, config)
        if reminder is None:
            continue
        kind, occasion = reminder
        days_overdue = (today - row.due_on).days if kind == ReminderKind.OVERDUE else 0
        pending[(kind, row.user_id)].append(Due(row.course_id, row.due_on, occasion, days_overdue))
    if not pending:
        return pending
    occasions = {item.occasion for items in pending.values() for item in items}
    claimed = set()
    for chunk in _chunks(occasions):
        claimed.update(
            ReminderLog.objects.filter(
                assignment=assignment,
                kind__in=[ReminderKind.BEFORE_DUE, ReminderKind.OVERDUE],
                occasion__in=chunk,
            ).values_list("kind", "user_id", "course_id", "occasion")
        )
    for (kind, user_id), items in list(pending.items()):
        items[:] = [item for item in items if (kind, user_id, item.course_id, item.occasion) not in claimed]
        if not items:
            del pending[(kind, user_id)]
    return pending


def reminder_batches(now=None, size=None):
    """Yield the learners' reminders due today as batches: plain dicts of at most `size` people each.

    `size` defaults to REMINDER_BATCH_SIZE. A batch holds one assignment's people, each with the courses and
    occasions to remind them of, so that sending it needs no status computation. Only occasions not yet
    claimed are in a batch: after a crash, planning again yields exactly what was not sent.
    """
    config = ReminderSettings.load()
    if not config.enabled:
        return
    size = size or settings.REMINDER_BATCH_SIZE
    today = local_date(now)
    for assignment in assignments_in_effect(today):
        pending = sorted(_pending_learner_reminders(assignment, today, config).items())
        for start in range(0, len(pending), size):
            yield {
                "assignment": assignment.pk,
                "people": [
                    [
                        kind,
                        user_id,
                        [[item.course_id, item.due_on.isoformat(), item.occasion, item.days_overdue] for item in items],
                    ]
                    for (kind, user_id), items in pending[start : start + size]
                ],
            }


def send_batch(batch):
    """Send one batch's emails; return {kind: emails sent, "failed": n}. Running it again sends nothing twice."""
    sent = {ReminderKind.BEFORE_DUE.value: 0, ReminderKind.OVERDUE.value: 0, "failed": 0}
    assignment = Assignment.objects.filter(pk=batch["assignment"]).first()
    if assignment is None:
        return sent
    people = [
        (
            kind,
            user_id,
            [Due(course_id, date.fromisoformat(due_on), occasion, days) for course_id, due_on, occasion, days in items],
        )
        for kind, user_id, items in batch["people"]
    ]
    recipients = _recipients({user_id for _kind, user_id, _items in people})
    courses = CoursePage.objects.in_bulk({item.course_id for _kind, _user, items in people for item in items})
    with get_connection() as connection:
        for kind, user_id, items in people:
            if user_id not in recipients:
                continue
            user, name = recipients[user_id]
            try:
                if _send_learner_email(kind, assignment, user, name, items, courses, connection):
                    sent[kind] += 1
            except Exception:  # one bad address must not stop the others; the claim was rolled back
                logger.exception("Reminder %s to user %s failed", kind, user_id)
                sent["failed"] += 1
    return sent


def queue_due_reminders(enqueue, now=None):
    """Hand each batch of today's reminders to `enqueue` (a task's delay); return how many batches and people."""
    batches = people = 0
    for batch in reminder_batches(now):
        enqueue(batch)
        batches += 1
        people += len(batch["people"])
    return {"batches": batches, "people": people}


def send_due_reminders(now=None):
    """Send the learners' before-due and overdue reminders due today, batch after batch; return the totals."""
    sent = {ReminderKind.BEFORE_DUE.value: 0, ReminderKind.OVERDUE.value: 0, "failed": 0}
    for batch in reminder_batches(now):
        for key, value in send_batch(batch).items():
            sent[key] += value
    return sent


# Manager digests


def _overdue_people(today):
    """unit_id -> {(cadre_id, course_id): due_on} of everyone overdue, over every assignment in effect."""
    overdue = defaultdict(dict)
    for assignment in assignments_in_effect(today):
        for row in statuses(assignment, today):
            if row.status == Status.OVERDUE:
                key = (row.cadre_id, row.course_id)
                known = overdue[row.unit_id].get(key)
                overdue[row.unit_id][key] = min(known, row.due_on) if known else row.due_on
    return overdue


def _rows_under(paths, overdue_paths):
    """unit_ids with overdue people under any of `paths` (a unit's ancestors are its path's prefixes)."""
    found = set()
    for unit_id, path in overdue_paths.items():
        prefixes = {path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)}
        if prefixes & paths:
            found.add(unit_id)
    return found


def _digest_context(unit_ids, overdue, units, cadres, courses, today):
    """The digest's groups by unit (in tree order), at most DIGEST_MAX_LINES lines, and the counts."""
    groups, people, lines, omitted = [], set(), 0, 0
    for unit_id in sorted(unit_ids, key=lambda pk: units[pk].path):
        entries = overdue[unit_id]
        people.update(cadre_id for cadre_id, _course in entries)
        room = max(DIGEST_MAX_LINES - lines, 0)
        omitted += max(len(entries) - room, 0)
        if not room:
            continue
        listed = sorted(
            (
                {
                    "name": cadres[cadre_id][0],
                    "staff_code": cadres[cadre_id][1],
                    "course": courses[course_id].title,
                    "due_on": due_on,
                    "days_overdue": (today - due_on).days,
                }
                for (cadre_id, course_id), due_on in entries.items()
            ),
            key=lambda person: (person["name"], person["staff_code"], person["course"]),
        )[:room]
        lines += len(listed)
        groups.append({"unit": units[unit_id], "people": listed})
    return {"groups": groups, "people_count": len(people), "omitted": omitted}


def send_manager_digests(now=None):
    """Send this week's digest to each unit manager with overdue people in scope; return emails sent."""
    config = ReminderSettings.load()
    today = local_date(now)
    if not config.enabled or today.weekday() < config.digest_weekday:
        return 0
    occasion = iso_week(today)
    done = set(
        ReminderLog.objects.filter(kind=ReminderKind.DIGEST, occasion=occasion).values_list("user_id", flat=True)
    )
    managed = defaultdict(set)
    for user_id, path in (
        Unit.managers.through.objects.filter(unit__is_active=True, user__is_active=True)
        .exclude(user_id__in=done)
        .values_list("user_id", "unit__path")
    ):
        managed[user_id].add(path)
    if not managed:
        return 0
    overdue = _overdue_people(today)
    if not overdue:
        return 0
    units = Unit.objects.in_bulk(list(overdue))
    overdue_paths = {unit_id: unit.path for unit_id, unit in units.items()}
    cadres = {}
    for chunk in _chunks({cadre_id for people in overdue.values() for cadre_id, _course in people}):
        cadres.update(
            {
                pk: (name, code)
                for pk, name, code in Cadre.objects.filter(pk__in=chunk).values_list("pk", "full_name", "staff_code")
            }
        )
    courses = CoursePage.objects.in_bulk({course_id for people in overdue.values() for _cadre, course_id in people})
    recipients = _recipients(managed)
    sent = 0
    with get_connection() as connection:
        for user_id, paths in sorted(managed.items()):
            unit_ids = _rows_under(paths, overdue_paths)
            if not unit_ids or user_id not in recipients:
                continue
            user, name = recipients[user_id]
            context = {
                "name": name,
                "week": occasion,
                "today": today,
                "site_url": site_url(),
                **_digest_context(unit_ids, overdue, units, cadres, courses, today),
            }
            subject = _("Tổng hợp cán bộ quá hạn khóa học bắt buộc – tuần %(week)s/%(year)s") % {
                "week": today.isocalendar()[1],
                "year": today.isocalendar()[0],
            }
            try:
                with transaction.atomic():
                    if not _claim(ReminderKind.DIGEST, user, occasion):
                        continue
                    _send("manager_digest", subject, user.email, context, connection)
                sent += 1
            except Exception:
                logger.exception("Digest to user %s failed", user_id)
    return sent
