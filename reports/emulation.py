"""The emulation review (thi đua): each group's units scored by their scheme's criteria and ranked, frozen on demand.

`report(period)` is the period's report as plain JSON-able data: the frozen snapshot's when the period is frozen,
else computed now (`compute`). What each criterion counts, for a unit and every unit below it, as of the period's
end (or today while the period runs), is said by `EXPLANATIONS`, shown with every report:

- the required person-course pairs are those of the assignments (khóa học bắt buộc) in effect on the as-of day;
  completed: a completion on or before that day; on time: among the pairs due by then, completed by the due date;
- the average score is that of the courses completed within the period;
- participation and certificates count the active cadres (each once).

Points: a criterion earns `weight × min(result ÷ target, 1)`; the grade follows the scheme's thresholds on the
total. Ties share a rank. `freeze` stores the report as an EmulationSnapshot with its SHA-256; `reopen` (the
administrators', with a reason) marks it reopened and keeps it. Both are in the audit trail.
"""

import hashlib
import json
from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.models import Certificate
from courses.assignments import assignments_in_effect, statuses
from courses.models import CourseCompletion, CoursePage
from elearn.audit import record
from elearn.text import fold
from quizzes.models import Attempt, AttemptState
from units.models import Cadre, Unit
from units.scope import OutOfScope, is_administrator, units_in_scope

from .counters import member_filter
from .models import EmulationPeriod, EmulationSnapshot, Grade, Measure

FROZEN = "reports.emulation_frozen"
REOPENED = "reports.emulation_reopened"
ACTIONS = {
    FROZEN: (gettext_lazy("Khóa số liệu thi đua"), gettext_lazy("Khóa {period}, lần {version} (SHA-256 {checksum})")),
    REOPENED: (gettext_lazy("Mở lại kỳ thi đua"), gettext_lazy("Mở lại {period}, lần khóa {version}: {reason}")),
}

EXPLANATIONS = {
    Measure.REQUIRED_COMPLETION: gettext_lazy(
        "Số lượt đã hoàn thành ÷ số lượt phải hoàn thành. Mỗi lượt là một cán bộ với một khóa học của các đợt giao "
        "khóa học bắt buộc đang có hiệu lực vào ngày chốt số liệu; tính những lần hoàn thành đến hết ngày đó. "
        "Không có lượt nào: không phát sinh, tính đủ điểm."
    ),
    Measure.ON_TIME: gettext_lazy(
        "Trong các lượt phải hoàn thành đã đến hạn (hạn hoàn thành không muộn hơn ngày chốt số liệu): số lượt "
        "hoàn thành không muộn hơn hạn ÷ số lượt đã đến hạn. Không có lượt nào đến hạn: không phát sinh, tính đủ "
        "điểm."
    ),
    Measure.AVERAGE_SCORE: gettext_lazy(
        "Trung bình điểm (%) của các lần hoàn thành khóa học trong kỳ của cán bộ đơn vị. Chưa có lần hoàn "
        "thành nào: 0 điểm."
    ),
    Measure.CONTEST_PARTICIPATION: gettext_lazy(
        "Số cán bộ đã nộp bài ít nhất một cuộc thi trực tuyến trong kỳ ÷ số cán bộ của đơn vị."
    ),
    Measure.VALID_CERTIFICATE: gettext_lazy(
        "Số cán bộ có ít nhất một chứng nhận còn hiệu lực vào ngày chốt số liệu (chưa hết hạn, chưa bị thu hồi) "
        "÷ số cán bộ của đơn vị."
    ),
}
FULL_WHEN_NONE = {Measure.REQUIRED_COMPLETION, Measure.ON_TIME}  # over required pairs: none is "not applicable"
CENT = Decimal("0.01")


class EmulationError(Exception):
    """A freeze or reopen that cannot be done; the message says why, in Vietnamese."""


# Pure rules


def points(value, weight, target, measure):
    """The points a result earns: weight × min(value ÷ target, 1); a rate over no required pair earns them all."""
    weight, target = Decimal(str(weight)), Decimal(str(target))
    if value is None:
        return float(weight) if measure in FULL_WHEN_NONE else 0.0
    share = min(Decimal(str(value)) / target, Decimal(1))
    return float((weight * share).quantize(CENT, ROUND_HALF_UP))


def grade_for(total, thresholds):
    total = Decimal(str(total))
    for grade in (Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETE):
        if total >= Decimal(str(thresholds[grade])):
            return grade.value
    return Grade.INCOMPLETE.value


def ranked(rows):
    """`rows` sorted by total (highest first), then name; `rank` set, equal totals sharing one (1, 2, 2, 4)."""
    rows = sorted(rows, key=lambda row: (-row["total"], fold(row["name"]), row["code"]))
    previous = None
    for position, row in enumerate(rows, start=1):
        if previous is None or row["total"] != previous["total"]:
            row["rank"] = position
        else:
            row["rank"] = previous["rank"]
        previous = row
    return rows


def percent(numerator, denominator):
    return round(numerator * 100 / denominator, 2) if denominator else None


def checksum(data):
    """SHA-256 of the report's canonical JSON (keys sorted), as stored with a snapshot."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Figures


def as_of_day(period, now=None):
    """The day the figures are taken on: the period's end, or today while it runs."""
    return min(period.end_on, timezone.localdate(now) if now is not None else timezone.localdate())


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class _Tally:
    """One unit subtree's counts."""

    __slots__ = (
        "cadres",
        "required",
        "completed",
        "due",
        "on_time",
        "score_sum",
        "score_count",
        "contests",
        "certified",
    )

    def __init__(self):
        for name in self.__slots__:
            setattr(self, name, 0)

    def add(self, facts):
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + facts[name])

    def values(self):
        return {
            Measure.REQUIRED_COMPLETION: (self.completed, self.required),
            Measure.ON_TIME: (self.on_time, self.due),
            Measure.AVERAGE_SCORE: (self.score_sum, self.score_count),
            Measure.CONTEST_PARTICIPATION: (self.contests, self.cadres),
            Measure.VALID_CERTIFICATE: (self.certified, self.cadres),
        }


def _cadre_facts(period, day):
    """{cadre id: counts of this cadre} for the active cadres on `day`, plus their unit paths and the evidence rows."""
    cadres = {
        pk: (user_id, path)
        for pk, user_id, path in Cadre.objects.filter(member_filter("", day))
        .values_list("pk", "user_id", "unit__path")
        .order_by()
    }
    users = {user_id: pk for pk, (user_id, _path) in cadres.items()}
    facts = {pk: dict.fromkeys(_Tally.__slots__, 0) | {"cadres": 1} for pk in cadres}
    start, end = _day_start(period.start_on), _day_start(day + timedelta(days=1))
    zone = timezone.get_current_timezone()
    missing = defaultdict(list)  # cadre id -> [(course id, due on)] not completed by `day`
    for assignment in assignments_in_effect(day):
        for row in statuses(assignment, day):
            if row.cadre_id not in facts:
                continue
            counts = facts[row.cadre_id]
            counts["required"] += 1
            completed_on = row.completed_at.astimezone(zone).date() if row.completed_at else None
            if row.due_on <= day:
                counts["due"] += 1
                counts["on_time"] += completed_on is not None and completed_on <= row.due_on
            if completed_on is not None and completed_on <= day:
                counts["completed"] += 1
            else:
                missing[row.cadre_id].append((row.course_id, row.due_on))
    for user_id, score in CourseCompletion.objects.filter(
        user_id__in=users, completed_at__gte=start, completed_at__lt=end, score__isnull=False
    ).values_list("user_id", "score"):
        counts = facts[users[user_id]]
        counts["score_sum"] += float(score)
        counts["score_count"] += 1
    contest_users = (
        Attempt.objects.filter(quiz__is_contest=True, finished_at__gte=start, finished_at__lt=end)
        .exclude(state=AttemptState.IN_PROGRESS)
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in contest_users:
        if user_id in users:
            facts[users[user_id]]["contests"] = 1
    certified = (
        Certificate.objects.filter(issued_at__lt=end)
        .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gte=end))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in certified:
        if user_id in users:
            facts[users[user_id]]["certified"] = 1
    return cadres, facts, missing


def compute(period, now=None):
    """(the period's report, its evidence annex {unit id: lines}), computed from the records now (see above)."""
    day = as_of_day(period, now)
    cadres, facts, missing = _cadre_facts(period, day)
    groups = list(period.groups.select_related("scheme").order_by("sort_order", "pk"))
    tallies = {}  # (group index, unit path) -> _Tally
    units_by_path = {}
    for index, group in enumerate(groups):
        for unit in Unit.objects.filter(kind__in=group.unit_kinds, is_active=True).order_by("path"):
            tallies[(index, unit.path)] = _Tally()
            units_by_path[unit.path] = unit
    steplen = Unit.steplen
    by_path = defaultdict(list)
    for (_index, path), tally in tallies.items():
        by_path[path].append(tally)
    evidence_units = defaultdict(list)  # unit path -> cadre ids with a missing pair in its subtree
    for cadre_id, (_user_id, path) in cadres.items():
        for length in range(steplen, len(path) + 1, steplen):
            prefix = path[:length]
            for tally in by_path.get(prefix, ()):
                tally.add(facts[cadre_id])
            if cadre_id in missing and prefix in units_by_path:
                evidence_units[prefix].append(cadre_id)
    evidence = _evidence(missing, evidence_units, units_by_path, day)
    result_groups = [
        _group_result(index, group, tallies, units_by_path, evidence) for index, group in enumerate(groups)
    ]
    data = {
        "period": {
            "id": period.pk,
            "name": period.name,
            "start_on": period.start_on.isoformat(),
            "end_on": period.end_on.isoformat(),
            **{  # str(): a field left at its default may still hold a lazy translation
                name: str(getattr(period, name))
                for name in ("issuer_parent", "issuer", "place", "signer_title", "signer_name", "prepared_by")
            },
        },
        "as_of": day.isoformat(),
        "computed_at": timezone.localtime(now or timezone.now()).isoformat(timespec="seconds"),
        "groups": result_groups,
        "evidence_sha256": checksum(evidence),  # the annex is kept apart; the ranking's checksum covers it
    }
    return data, evidence


def _group_result(index, group, tallies, units_by_path, evidence):
    scheme = group.scheme
    criteria = list(scheme.criteria.order_by("sort_order", "pk"))
    thresholds = {
        Grade.EXCELLENT: float(scheme.excellent_from),
        Grade.GOOD: float(scheme.good_from),
        Grade.COMPLETE: float(scheme.complete_from),
    }
    rows, without_cadres = [], []
    for (tally_group, path), tally in tallies.items():
        if tally_group != index:
            continue
        unit = units_by_path[path]
        if not tally.cadres:
            without_cadres.append({"unit_id": unit.pk, "code": unit.code, "name": unit.name})
            continue
        measured = tally.values()
        values = []
        for criterion in criteria:
            numerator, denominator = measured[criterion.measure]
            if criterion.measure == Measure.AVERAGE_SCORE:
                value = round(numerator / denominator, 2) if denominator else None
                numerator = round(numerator, 2)
            else:
                value = percent(numerator, denominator)
            values.append(
                {
                    "value": value,
                    "numerator": numerator,
                    "denominator": denominator,
                    "points": points(value, criterion.weight, criterion.target, criterion.measure),
                }
            )
        total = float(sum(Decimal(str(value["points"])) for value in values))
        rows.append(
            {
                "unit_id": unit.pk,
                "code": unit.code,
                "name": unit.name,
                "path": unit.path,
                "cadres": tally.cadres,
                "values": values,
                "total": total,
                "grade": grade_for(total, thresholds),
                "missing": len(evidence.get(str(unit.pk), ())),  # lines of its evidence annex
            }
        )
    return {
        "name": group.name,
        "scheme": scheme.name,
        "scheme_note": scheme.description,
        "thresholds": {str(key): value for key, value in thresholds.items()},
        "max_points": float(sum(criterion.weight for criterion in criteria)),
        "criteria": [
            {
                "measure": criterion.measure,
                "label": criterion.get_measure_display(),
                "weight": float(criterion.weight),
                "target": float(criterion.target),
                "note": criterion.note,
                "explanation": str(EXPLANATIONS[criterion.measure]),
            }
            for criterion in criteria
        ],
        "rows": ranked(rows),
        "without_cadres": without_cadres,
    }


def _evidence(missing, evidence_units, units_by_path, day):
    """{unit id: [missing pairs]} for every ranked unit with cadres who did not complete a required course."""
    if not missing:
        return {}
    course_titles = dict(
        CoursePage.objects.filter(pk__in={course for pairs in missing.values() for course, _due in pairs}).values_list(
            "pk", "title"
        )
    )
    people = {cadre.pk: cadre for cadre in Cadre.objects.filter(pk__in=list(missing)).select_related("unit").order_by()}
    evidence = {}
    for path, cadre_ids in evidence_units.items():
        lines = []
        for cadre_id in cadre_ids:
            cadre = people[cadre_id]
            for course_id, due_on in missing[cadre_id]:
                lines.append(
                    {
                        "full_name": cadre.full_name,
                        "staff_code": cadre.staff_code,
                        "unit": cadre.unit.name,
                        "course": course_titles.get(course_id, ""),
                        "due_on": due_on.isoformat(),
                        "overdue": due_on < day,
                    }
                )
        lines.sort(key=lambda line: (fold(line["unit"]), fold(line["full_name"]), line["staff_code"], line["due_on"]))
        evidence[str(units_by_path[path].pk)] = lines
    return evidence


# Reading, scoped


def report(period, now=None):
    """(report data, the snapshot in force or None): the frozen figures, else the figures computed now."""
    snapshot = period.current_snapshot()
    if snapshot is not None:
        return snapshot.data, snapshot
    return compute(period, now)[0], None


def visible(viewer, data):
    """`data` with only the rows of units in the viewer's scope (ranks stay those of the whole group)."""
    if is_administrator(viewer):
        return data
    scope = set(units_in_scope(viewer).values_list("pk", flat=True))
    if not scope:
        raise OutOfScope(_("Bạn chưa được giao quản lý đơn vị nào nên chưa có báo cáo thi đua để xem."))
    groups = []
    for group in data["groups"]:
        rows = [row for row in group["rows"] if row["unit_id"] in scope]
        if rows:
            groups.append({**group, "rows": rows, "without_cadres": []})
    return {**data, "groups": groups}


def annex(viewer, period, unit, now=None):
    """(report data, snapshot or None, the evidence lines of `unit`): a ranked unit in the viewer's scope."""
    if not units_in_scope(viewer).filter(pk=unit.pk).exists():
        raise OutOfScope(_("Đơn vị này nằm ngoài phạm vi bạn được xem báo cáo."), target=unit)
    snapshot = period.current_snapshot()
    if snapshot is None:
        data, evidence = compute(period, now)
    else:
        data, evidence = snapshot.data, EmulationSnapshot.objects.values_list("evidence", flat=True).get(pk=snapshot.pk)
        if checksum(evidence) != data["evidence_sha256"]:
            raise EmulationError(_("Phụ lục của bản chốt không khớp mã kiểm tra đã lưu."))
    return data, snapshot, evidence.get(str(unit.pk), [])


# Freezing


def freeze(period, user, now=None):
    """Store the period's report as its next snapshot (the administrators'); refused while one is in force."""
    if not is_administrator(user):
        raise EmulationError(_("Chỉ quản trị hệ thống được khóa số liệu thi đua."))
    with transaction.atomic():
        EmulationPeriod.objects.select_for_update().filter(pk=period.pk).first()  # one freeze at a time
        if period.current_snapshot() is not None:
            raise EmulationError(_("Kỳ thi đua này đã được khóa số liệu."))
        data, evidence = compute(period, now)
        version = (period.snapshots.aggregate(n=Max("version"))["n"] or 0) + 1
        snapshot = EmulationSnapshot.objects.create(
            period=period,
            version=version,
            data=data,
            evidence=evidence,
            checksum=checksum(data),
            frozen_at=now or timezone.now(),
            frozen_by=user,
        )
        record(
            snapshot,
            FROZEN,
            user=user,
            data={"period": period.name, "version": version, "checksum": snapshot.checksum},
        )
    return snapshot


def reopen(snapshot, user, reason, now=None):
    """Mark the snapshot in force reopened (the administrators', with a reason); it is kept as it was."""
    reason = (reason or "").strip()
    if not is_administrator(user):
        raise EmulationError(_("Chỉ quản trị hệ thống được mở lại kỳ thi đua đã khóa."))
    if not reason:
        raise EmulationError(_("Hãy ghi lý do mở lại kỳ thi đua."))
    with transaction.atomic():
        locked = EmulationSnapshot.objects.select_for_update().get(pk=snapshot.pk)
        if locked.reopened_at is not None:
            raise EmulationError(_("Lần khóa này đã được mở lại trước đó."))
        locked.reopened_at, locked.reopened_by, locked.reopen_reason = now or timezone.now(), user, reason
        locked.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
        record(
            locked,
            REOPENED,
            user=user,
            data={"period": locked.period.name, "version": locked.version, "reason": reason},
        )
    return locked
