"""Each participant's counted result in a contest round (ContestEntry) and overall (OverallEntry).

`record` runs inside the submit's transaction (quizzes.attempts.finish), so a ranking never misses
an acknowledged submit; `rebuild` recomputes a round from its attempts (attempts written in bulk, a
repair) and `rebuild_overall` a contest page (after its rounds or its rule changed).
"""

from decimal import Decimal

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count

from .grading import to_millisecond
from .models import Attempt, AttemptState, ContestEntry, ContestRound, Disqualification, OverallEntry, OverallRule


def attempt_key(percent, duration_seconds, finished_ms, attempt_id):
    """Which of a participant's attempts counts (grading.counted_key, on stored fields)."""
    return (-percent, duration_seconds, finished_ms, attempt_id)


def _fields(attempt):
    return {
        "attempt_id": attempt.pk,
        "unit_id": attempt.unit_id,
        "percent": attempt.percent,
        "prediction": attempt.prediction,
        "duration_seconds": attempt.duration_seconds or 0,
        "finished_ms": to_millisecond(attempt.finished_at),
    }


def record(attempt):
    """Count a just-finished attempt of a contest quiz in its round and overall (inside the caller's transaction).

    The exam's submit does no more database work than before rounds existed: a participant's first entry is
    one INSERT ... ON CONFLICT DO NOTHING, and which pages need an overall result comes from the cache.
    """
    fields = _fields(attempt)
    if not _insert_if_absent(attempt, fields):
        current = ContestEntry.objects.select_for_update().get(quiz_id=attempt.quiz_id, user_id=attempt.user_id)
        new_key = attempt_key(fields["percent"], fields["duration_seconds"], fields["finished_ms"], attempt.pk)
        old_key = attempt_key(current.percent, current.duration_seconds, current.finished_ms, current.attempt_id)
        changes = fields if new_key < old_key else {}
        if attempt.all_correct and not current.all_correct:
            changes = {**changes, "all_correct": True}
        if not changes:
            return
        ContestEntry.objects.filter(pk=current.pk).update(**changes)
    record_overall(attempt.quiz_id, attempt.user_id)


def _insert_if_absent(attempt, fields):
    """Write the participant's first entry of the round unless they have one; True if it was written.

    One statement on PostgreSQL and SQLite (ON CONFLICT on the one-entry-per-participant constraint). There
    is no race to guard: a participant has one open attempt per quiz, and finishing it holds its row lock.
    """
    values = {
        "quiz_id": attempt.quiz_id,
        "user_id": attempt.user_id,
        "all_correct": attempt.all_correct,
        "disqualified": False,
        **fields,
    }
    meta, quote = ContestEntry._meta, connection.ops.quote_name
    columns = [meta.get_field(name) for name in values]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({quote('quiz_id')}, {quote('user_id')}) DO NOTHING"
    )
    params = [field.get_db_prep_save(value, connection) for field, value in zip(columns, values.values(), strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


ROUND_PAGES_CACHE_SECONDS = 300


def multi_round_pages(quiz_id):
    """[(page id, overall rule)] of the contest pages with several rounds that the quiz is a round of.

    Kept in the cache (rounds change in the admin, never during an exam, and `forget_round_pages` runs when
    they do), so that a submit asks the database nothing to learn it.
    """
    key = f"contest-round-pages:{quiz_id}"
    pages = cache.get(key)
    if pages is None:
        rows = (
            ContestRound.objects.filter(quiz_id=quiz_id)
            .annotate(rounds=Count("page__rounds"))
            .values_list("page_id", "page__overall_rule", "rounds")
        )
        pages = [(page_id, rule) for page_id, rule, rounds in rows if rounds > 1]
        cache.set(key, pages, ROUND_PAGES_CACHE_SECONDS)
    return pages


def forget_round_pages(page_id=None, quiz_ids=()):
    """Drop the cached round pages of these quizzes and of every round of the page (a round or rule changed)."""
    quiz_ids = set(quiz_ids)
    if page_id is not None:
        quiz_ids |= set(ContestRound.objects.filter(page_id=page_id).values_list("quiz_id", flat=True))
    cache.delete_many([f"contest-round-pages:{quiz_id}" for quiz_id in quiz_ids if quiz_id is not None])


def record_overall(quiz_id, user_id):
    """Count the participant's overall result again on each contest page with several rounds the quiz is one of.

    A one-round page needs no overall result (its round is the result); publishing a page recounts all
    of its overall results (quizzes.tasks), so a round added later starts from a full count.
    """
    for page_id, rule in multi_round_pages(quiz_id):
        _record_overall(page_id, rule, user_id)


def rebuild(quiz):
    """Recount every participant of a contest quiz from its finished attempts; returns how many entries."""
    finished = Attempt.objects.filter(quiz=quiz, state=AttemptState.FINISHED)
    all_correct = set(finished.filter(all_correct=True).values_list("user_id", flat=True).distinct())
    disqualified = set(Disqualification.objects.filter(quiz=quiz).values_list("user_id", flat=True))
    best = {}  # user id: the counted attempt's row, chosen by the same key as `record` (to the millisecond)
    for row in finished.values_list(
        "pk", "user_id", "unit_id", "percent", "prediction", "duration_seconds", "finished_at"
    ).iterator(chunk_size=5000):
        key = attempt_key(row[3], row[5] or 0, to_millisecond(row[6]), row[0])
        if row[1] not in best or key < best[row[1]][0]:
            best[row[1]] = (key, row)
    rows = [
        ContestEntry(
            quiz=quiz,
            user_id=user_id,
            attempt_id=pk,
            unit_id=unit_id,
            percent=percent,
            prediction=prediction,
            duration_seconds=duration or 0,
            finished_ms=to_millisecond(finished_at),
            all_correct=user_id in all_correct,
            disqualified=user_id in disqualified,
        )
        for _key, (pk, user_id, unit_id, percent, prediction, duration, finished_at) in best.values()
    ]
    with transaction.atomic():
        ContestEntry.objects.filter(quiz=quiz).delete()
        ContestEntry.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


# Overall


def overall_values(rule, entries):
    """(total, duration, last submit, rounds taken, unit) from a participant's round entries in round order."""
    if rule == OverallRule.SUM:
        counted = entries
        total = sum((entry.percent for entry in entries), Decimal(0))
    elif rule == OverallRule.LAST:
        counted = entries[-1:]
        total = counted[0].percent
    else:
        counted = [min(entries, key=lambda e: attempt_key(e.percent, e.duration_seconds, e.finished_ms, e.attempt_id))]
        total = counted[0].percent
    return (
        total,
        sum(entry.duration_seconds for entry in counted),
        max(entry.finished_ms for entry in counted),
        len(entries),
        entries[-1].unit_id,
    )


def _round_entries(page_id, user_ids=None):
    """{user id: [entries in round order]} of the page's rounds."""
    order = {quiz_id: position for position, quiz_id in enumerate(_round_quiz_ids(page_id))}
    entries = ContestEntry.objects.filter(quiz_id__in=order, disqualified=False).only(
        "quiz_id", "user_id", "unit_id", "attempt_id", "percent", "duration_seconds", "finished_ms"
    )
    if user_ids is not None:
        entries = entries.filter(user_id__in=user_ids)
    by_user = {}
    for entry in entries:
        by_user.setdefault(entry.user_id, []).append(entry)
    for items in by_user.values():
        items.sort(key=lambda entry: order[entry.quiz_id])
    return by_user


def _round_quiz_ids(page_id):
    return list(ContestRound.objects.filter(page_id=page_id).order_by("sort_order").values_list("quiz_id", flat=True))


def _overall_row(page_id, rule, user_id, entries):
    total, duration, finished_ms, taken, unit_id = overall_values(rule, entries)
    return OverallEntry(
        page_id=page_id,
        user_id=user_id,
        unit_id=unit_id,
        total=total,
        duration_seconds=duration,
        finished_ms=finished_ms,
        rounds_taken=taken,
    )


def _record_overall(page_id, rule, user_id):
    entries = _user_round_entries(page_id, user_id)
    if not entries:
        OverallEntry.objects.filter(page_id=page_id, user_id=user_id).delete()
        return
    OverallEntry.objects.bulk_create(  # one upsert (INSERT ... ON CONFLICT DO UPDATE)
        [_overall_row(page_id, rule, user_id, entries)],
        update_conflicts=True,
        unique_fields=["page", "user"],
        update_fields=["unit", "total", "duration_seconds", "finished_ms", "rounds_taken"],
    )


def _user_round_entries(page_id, user_id):
    """One participant's entries of the page's rounds, in round order, in one query."""
    return list(
        ContestEntry.objects.filter(quiz__contest_rounds__page_id=page_id, user_id=user_id, disqualified=False)
        .order_by("quiz__contest_rounds__sort_order")
        .only("quiz_id", "user_id", "unit_id", "attempt_id", "percent", "duration_seconds", "finished_ms")
    )


def rebuild_overall(page):
    """Recount the overall results of a contest page from its rounds' entries; returns how many."""
    rows = [
        _overall_row(page.pk, page.overall_rule, user_id, entries)
        for user_id, entries in _round_entries(page.pk).items()
    ]
    with transaction.atomic():
        OverallEntry.objects.filter(page_id=page.pk).delete()
        OverallEntry.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
