"""Time the contest rankings, a participant's own rank (in the round and overall), the freeze and the entry
rebuilds on a large contest.

Everything the command creates (a unit tree, cadres and their accounts, a contest quiz, its
attempts and entries, its prize tiers, an organiser and the frozen snapshot) is written inside one
transaction that is rolled back at the end: the database is left as it was found. The generated
attempts tie a lot (two participants in five score 100, predictions are clustered, durations come
from a small range, some submits share a millisecond), so that every tie-break of the order is used.
Run it on PostgreSQL, the production database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/elearn_bench python manage.py bench_contest_ranking
"""

import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import DateTimeField, F, Func, Value, Window
from django.db.models.functions import Abs, RowNumber
from django.utils import timezone
from wagtail.models import Page

from elearn.commands import CHATTY_LOGGERS, quiet_loggers
from quizzes import entries, freezing, grading, ranking, standings
from quizzes.models import (
    Attempt,
    AttemptState,
    CloseReason,
    ContestEntry,
    ContestPage,
    ContestRound,
    OverallEntry,
    OverallRule,
    PrizeTier,
    Quiz,
    SnapshotLine,
)
from units.models import Cadre, CadreCategory, Unit, UnitKind

PREFIX = "BENCH"
TOP = 50  # lines of the published top list
TARGET_TOP_SECONDS = 0.300
TARGET_OWN_SECONDS = 0.050
TARGET_FREEZE_SECONDS = 30.0
PRIZES = [("Giải Nhất", 1), ("Giải Nhì", 2), ("Giải Ba", 3), ("Giải Khuyến khích", 10)]


class Rollback(Exception):
    """Raised to leave the benchmark's transaction, undoing every row it wrote."""


class Command(BaseCommand):
    help = (
        "Benchmark the contest rankings (top list, full list, units), a participant's own rank, the freeze and "
        "the entry rebuild on a generated contest (default 100,000 participants), checked against naive "
        "rankings. Writes inside a transaction that is rolled back: nothing is left behind."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=100_000)
        parser.add_argument("--units", type=int, default=300, help="Units in the generated tree (province included).")
        parser.add_argument("--repeat", type=int, default=5, help="Timed runs of each SQL ranking (median shown).")
        parser.add_argument("--own-samples", type=int, default=20, help="Participants whose own rank is timed.")
        parser.add_argument(
            "--naive-up-to",
            type=int,
            default=10_000,
            help="Run the naive Python rankings (one query per participant, slow) only up to this many participants.",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--skip-naive", action="store_true", help="Do not run the naive Python rankings.")
        parser.add_argument("--allow-sqlite", action="store_true", help="Run on a database other than PostgreSQL.")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" and not options["allow_sqlite"]:
            raise CommandError(
                f"This benchmark measures PostgreSQL; the database is {connection.vendor}. "
                "Set DATABASE_URL to a PostgreSQL database, or pass --allow-sqlite."
            )
        if options["participants"] < 1 or options["units"] < 3 or options["repeat"] < 1 or options["own_samples"] < 1:
            raise CommandError(
                "--participants must be at least 1, --units at least 3, --repeat and --own-samples at least 1."
            )
        quiet = quiet_loggers(CHATTY_LOGGERS) if options["verbosity"] < 2 else quiet_loggers([])
        try:
            with quiet, transaction.atomic():
                self.run(options)
                raise Rollback
        except Rollback:
            self.stdout.write("Generated rows rolled back; the database is unchanged.")

    def run(self, options):
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        units = self.make_units(options["units"])
        cadres = self.make_cadres(units, round(options["participants"] * 1.25), rng)
        quiz = Quiz.objects.create(
            title=f"[{PREFIX}] Cuộc thi đo hiệu năng",
            is_contest=True,
            prediction_enabled=True,
            max_attempts=2,
            time_limit_minutes=15,
        )
        participants = cadres[: options["participants"]]
        attempts = self.make_attempts(quiz, participants, rng)
        self.analyze([Attempt, Unit, Cadre, get_user_model()])
        self.stdout.write(
            f"Generated in {time.perf_counter() - started:.1f} s: {len(units)} units, {len(cadres):,} cadres, "
            f"{len(participants):,} participants, {attempts:,} finished attempts "
            f"({connection.vendor}{self.server_version()})."
        )

        figures = {}
        figures["rebuild"], entry_count = timed(lambda: entries.rebuild(quiz))
        self.analyze([ContestEntry])
        actual = ranking.all_correct_count(quiz)
        self.stdout.write(
            f"entries.rebuild: {entry_count:,} entries; {actual:,} participants answered every question right."
        )
        if entry_count != len(participants):
            raise CommandError(
                f"entries.rebuild counted {entry_count:,} entries for {len(participants):,} participants."
            )

        repeat = options["repeat"]
        figures["top"], top = self.time_sql(lambda: ranking.individual_ranking(quiz, limit=TOP), repeat)
        figures["full"], full = self.time_sql(lambda: ranking.individual_ranking(quiz), repeat)
        figures["units"], units_ranked = self.time_sql(lambda: ranking.unit_ranking(quiz), repeat)
        self.check_top(top, full)
        self.stdout.write(
            "Lines decided by each rule against the line above: "
            + ", ".join(f"{rule} {count:,}" for rule, count in deciding_rules(full).items())
            + "."
        )

        figures["own"], figures["own_naive"] = self.time_own_ranks(quiz, participants, full, options, rng)
        overall = self.time_overall_ranks(quiz, participants, options, rng)
        figures["overall_rebuild"], figures["overall"], figures["overall_naive"] = overall

        naive = {"individual": None, "units": None}
        naive_reason = "skipped (--skip-naive)"
        if not options["skip_naive"] and len(participants) <= options["naive_up_to"]:
            naive["individual"], naive_individual = timed(lambda: naive_individual_ranking(quiz))
            naive["units"], naive_units = timed(lambda: naive_unit_ranking(quiz))
            self.check_same(full, naive_individual, units_ranked, naive_units)
        elif not options["skip_naive"]:
            naive_reason = f"skipped (> {options['naive_up_to']:,})"

        figures["freeze"], freeze_counts = self.time_freeze(quiz, full)
        self.print_table(figures, naive, naive_reason, repeat, options["own_samples"], len(full), len(units_ranked))
        self.stdout.write(
            f"Freeze wrote {freeze_counts['lines']:,} snapshot lines, {freeze_counts['unit_lines']:,} unit lines, "
            f"{freeze_counts['prizes']} prizes; checksum verified."
        )

    # Data

    def make_units(self, count):
        """A province with units right under it, a fifth of them with sub-units: `count` units in all."""
        province = Unit.add_root(instance=Unit(code=f"{PREFIX}-T", name="Tỉnh đo hiệu năng", kind=UnitKind.PROVINCE))
        below = count - 1
        top_count = max(1, below - below // 5)
        tops = []
        for i in range(top_count):
            kind = UnitKind.DEPARTMENT if i % 4 == 0 else UnitKind.COMMUNE
            name = f"Sở thử nghiệm {i + 1}" if kind == UnitKind.DEPARTMENT else f"Xã thử nghiệm {i + 1}"
            tops.append(province.add_child(instance=Unit(code=f"{PREFIX}-{i + 1:04d}", name=name, kind=kind)))
        departments = [unit for unit in tops if unit.kind == UnitKind.DEPARTMENT] or tops
        subs = []
        for i in range(below - top_count):
            parent = Unit.objects.get(pk=departments[i % len(departments)].pk)  # fresh numchild for treebeard
            subs.append(
                parent.add_child(
                    instance=Unit(
                        code=f"{parent.code}-{i + 1:04d}", name=f"Phòng thử nghiệm {i + 1}", kind=UnitKind.DIVISION
                    )
                )
            )
        return [province, *tops, *subs]

    def make_cadres(self, units, count, rng):
        """`count` cadres with accounts spread over the units below the province; one unusable password."""
        user_model = get_user_model()
        password = make_password(None)
        users = user_model.objects.bulk_create(
            [
                user_model(username=f"{PREFIX}-{i:06d}", email=f"bench{i:06d}@example.invalid", password=password)
                for i in range(count)
            ],
            batch_size=2000,
        )
        if users[0].pk is None:  # backends that do not return ids from bulk_create
            users = list(user_model.objects.filter(username__startswith=f"{PREFIX}-").order_by("username"))
        homes = units[1:]
        family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
        given = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quang Huy", "Ngọc Lan"]
        cadres = [
            Cadre(
                user=user,
                full_name=f"{rng.choice(family)} {rng.choice(given)}",
                staff_code=f"{PREFIX}{i:06d}",
                unit=rng.choice(homes),
                category=CadreCategory.CIVIL_SERVANT,
            )
            for i, user in enumerate(users)
        ]
        Cadre.objects.bulk_create(cadres, batch_size=2000)
        rng.shuffle(cadres)
        return cadres

    def make_attempts(self, quiz, cadres, rng):
        """One or two finished attempts per participant, made to tie.

        Two participants in five have a perfect attempt (100 %); predictions cluster around the number
        of perfect participants; durations come from a small range; a sixth of first attempts end in
        a millisecond shared with others (different microseconds); one participant in twenty repeats
        the previous participant's counted result (score, prediction, duration, submit millisecond),
        so that only the attempt recorded first separates them.
        """
        now = timezone.now()
        count = len(cadres)
        perfect_share = 0.4
        expected = round(count * perfect_share)
        spread = max(3, count // 2000)
        others = [Decimal(p) for p in range(0, 100, 10)]
        weights = [1, 1, 2, 3, 5, 8, 12, 16, 18, 14]
        start = (now - timedelta(days=8)).replace(microsecond=0)
        busy = [
            start + timedelta(seconds=rng.randint(0, 7 * 86400), milliseconds=rng.randint(0, 999))
            for _ in range(max(1, count // 20))
        ]

        def prediction():
            return None if rng.random() < 0.1 else max(0, round(rng.gauss(expected, spread)))

        def submit_time():
            if rng.random() < 1 / 6:
                return rng.choice(busy) + timedelta(microseconds=rng.randint(0, 999))
            return start + timedelta(seconds=rng.randint(0, 7 * 86400), microseconds=rng.randint(0, 999_999))

        rows = []
        previous = None  # the previous participant's counted result: percent, prediction, duration, finished_at
        for cadre in cadres:
            if previous is not None and rng.random() < 0.05:
                percent, guess, duration, finished_at = previous
                same_millisecond = grading.to_millisecond(finished_at) + timedelta(microseconds=rng.randint(0, 999))
                results = [(percent, guess, duration, same_millisecond)]
            else:
                taken = 2 if rng.random() < 0.3 else 1
                percents = rng.choices(others, weights, k=taken)
                if rng.random() < perfect_share:
                    percents[rng.randrange(taken)] = Decimal(100)
                finished_at = submit_time()
                results = []
                for percent in percents:
                    results.append((percent, prediction(), rng.randint(60, 180), finished_at))
                    finished_at += timedelta(seconds=rng.randint(300, 86400), microseconds=rng.randint(0, 999_999))
            previous = min(results, key=lambda r: (-r[0], r[2], grading.to_millisecond(r[3])))
            for number, (percent, guess, duration, finished_at) in enumerate(results, start=1):
                rows.append(
                    Attempt(
                        quiz=quiz,
                        user_id=cadre.user_id,
                        unit_id=cadre.unit_id,
                        number=number,
                        state=AttemptState.FINISHED,
                        started_at=finished_at - timedelta(seconds=duration),
                        finished_at=finished_at,
                        close_reason=CloseReason.SUBMITTED,
                        duration_seconds=duration,
                        score=percent / 10,
                        max_score=Decimal(10),
                        percent=percent,
                        passed=percent >= 50,
                        all_correct=percent == 100,
                        prediction=guess,
                    )
                )
        Attempt.objects.bulk_create(rows, batch_size=2000)
        return len(rows)

    def analyze(self, models):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {', '.join(model._meta.db_table for model in models)}")
            elif connection.vendor == "sqlite":
                cursor.execute("ANALYZE")

    def server_version(self):
        if connection.vendor != "postgresql":
            return ""
        version = connection.pg_version
        return f" {version // 10000}.{version % 10000}"

    # Timing

    def time_sql(self, function, repeat):
        function()  # warm-up: connection, caches, query plans
        runs = []
        result = None
        for _ in range(repeat):
            seconds, result = timed(function)
            runs.append(seconds)
        return statistics.median(runs), result

    def time_own_ranks(self, quiz, participants, full, options, rng):
        """Median seconds of ranking.own_standing and of the naive window-function rank, checked against each other."""
        sample_ids = [
            cadre.user_id for cadre in rng.sample(participants, min(options["own_samples"], len(participants)))
        ]
        users = get_user_model().objects.in_bulk(sample_ids)
        position = {line.user_id: line.rank for line in full}
        ranking.own_standing(quiz, users[sample_ids[0]])  # warm-up
        own_runs, naive_runs, wrong = [], [], []
        for user_id in sample_ids:
            seconds, standing = timed(lambda user_id=user_id: ranking.own_standing(quiz, users[user_id]))
            own_runs.append(seconds)
            seconds, naive_rank = timed(lambda user_id=user_id: naive_own_rank(quiz, user_id))
            naive_runs.append(seconds)
            own_rank = standing.rank if standing is not None else None
            if not (own_rank == naive_rank == position.get(user_id)):
                wrong.append(
                    f"user {user_id}: own_standing {own_rank}, naive {naive_rank}, full list {position.get(user_id)}"
                )
        self.stdout.write(
            f"Own rank of {len(sample_ids)} sampled participants: own_standing, the naive window-function rank "
            f"and the full list agree: {yes(not wrong)}."
        )
        if wrong:
            raise CommandError("The own ranks disagree: " + "; ".join(wrong))
        return statistics.median(own_runs), statistics.median(naive_runs)

    def time_overall_ranks(self, quiz, participants, options, rng):
        """The quiz as the one round of a contest page: time entries.rebuild_overall, then the overall own rank
        (standings.overall_standing) of sampled participants beside the naive one (the whole overall list read in
        order), checked against each other. Returns (rebuild, own, naive) seconds."""
        root = Page.get_first_root_node()
        parent = root.get_children().first() or root
        page = parent.add_child(
            instance=ContestPage(
                title=f"[{PREFIX}] Cuộc thi nhiều đợt",
                intro="Cuộc thi đo hiệu năng.",
                rules="<p>Thể lệ đo hiệu năng.</p>",
                slug=f"{PREFIX.lower()}-overall",
                overall_rule=OverallRule.SUM,
                rounds=[ContestRound(name="Đợt 1", quiz=quiz)],
            )
        )
        rebuild_seconds, count = timed(lambda: entries.rebuild_overall(page))
        self.analyze([OverallEntry])
        if count != len(participants):
            raise CommandError(f"entries.rebuild_overall counted {count:,} for {len(participants):,} participants.")
        sample_ids = [
            cadre.user_id for cadre in rng.sample(participants, min(options["own_samples"], len(participants)))
        ]
        users = get_user_model().objects.in_bulk(sample_ids)
        standings.overall_standing(page, users[sample_ids[0]])  # warm-up
        own_runs, naive_runs, wrong = [], [], []
        for user_id in sample_ids:
            seconds, standing = timed(lambda user_id=user_id: standings.overall_standing(page, users[user_id]))
            own_runs.append(seconds)
            seconds, naive_rank = timed(lambda user_id=user_id: naive_overall_rank(page, user_id))
            naive_runs.append(seconds)
            if standing is None or standing.rank != naive_rank:
                wrong.append(f"user {user_id}: overall_standing {standing and standing.rank}, naive {naive_rank}")
        self.stdout.write(
            f"Overall rank of {len(sample_ids)} sampled participants ({count:,} overall results): overall_standing "
            f"and the naive full-list rank agree: {yes(not wrong)}."
        )
        if wrong:
            raise CommandError("The overall ranks disagree: " + "; ".join(wrong))
        return rebuild_seconds, statistics.median(own_runs), statistics.median(naive_runs)

    def time_freeze(self, quiz, full):
        """Close the round, add its prize tiers and an organiser, then time one freeze and check the snapshot."""
        for order, (name, winners) in enumerate(PRIZES):
            PrizeTier.objects.create(quiz=quiz, name=name, winners=winners, sort_order=order)
        quiz.closes_at = timezone.now() - timedelta(hours=1)
        quiz.save(update_fields=["closes_at"])
        organiser = get_user_model().objects.create(
            username=f"{PREFIX}-organiser",
            email="bench-organiser@example.invalid",
            password=make_password(None),
            is_staff=True,
            is_superuser=True,
        )
        if not freezing.can_freeze(organiser):
            raise CommandError("The generated organiser may not freeze the round.")
        seconds, snapshot = timed(lambda: freezing.freeze(quiz, organiser))
        lines = list(SnapshotLine.objects.filter(snapshot=snapshot).order_by("rank").values_list("user_id", "prize"))
        if [user_id for user_id, _prize in lines] != [line.user_id for line in full]:
            raise CommandError("The frozen snapshot's order differs from the individual ranking.")
        if snapshot.computed_checksum() != snapshot.checksum:
            raise CommandError("The frozen snapshot's checksum does not match its lines.")
        prizes = sum(1 for _user_id, prize in lines if prize)
        expected = min(len(full), sum(winners for _name, winners in PRIZES))
        if prizes != expected:
            raise CommandError(f"The freeze gave {prizes} prizes; {expected} were expected.")
        return seconds, {"lines": len(lines), "unit_lines": snapshot.unit_lines.count(), "prizes": prizes}

    # Checks

    def check_top(self, top, full):
        same = [(line.rank, line.user_id) for line in top] == [(line.rank, line.user_id) for line in full[:TOP]]
        self.stdout.write(f"Top {TOP} list is the head of the full list: {yes(same)}.")
        if not same:
            raise CommandError(f"The top {TOP} list differs from the head of the full ranking.")

    def check_same(self, individual, naive_individual, units_ranked, naive_units):
        same_individual = [a.user_id for a in individual] == [e.user_id for e in naive_individual]
        same_units = [(u.unit.pk, u.cadres, u.participants, u.average) for u in units_ranked] == naive_units
        self.stdout.write(
            f"Same order as the naive ranking: individuals {yes(same_individual)}, units {yes(same_units)}."
        )
        if not (same_individual and same_units):
            raise CommandError("The SQL and naive rankings disagree.")

    def print_table(self, figures, naive, naive_reason, repeat, samples, participants, unit_lines):
        self.stdout.write("")
        header = f"{'measured':<40}{'seconds':>10}{'naive':>26}{'target':>12}{'':>3}{'verdict':<8}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        own_naive = f"{figures['own_naive']:.3f} s (window fn)"
        rows = [
            (f"entries.rebuild (once, {participants:,} entries)", figures["rebuild"], "", None),
            (f"individual_ranking top {TOP} (median of {repeat})", figures["top"], "", TARGET_TOP_SECONDS),
            (
                f"individual_ranking full ({participants:,} lines)",
                figures["full"],
                naive_text(naive["individual"], naive_reason),
                None,
            ),
            (f"unit_ranking ({unit_lines:,} units)", figures["units"], naive_text(naive["units"], naive_reason), None),
            (f"own_standing (median of {samples} users)", figures["own"], own_naive, TARGET_OWN_SECONDS),
            (f"entries.rebuild_overall (once, {participants:,})", figures["overall_rebuild"], "", None),
            (
                f"overall_standing (median of {samples} users)",
                figures["overall"],
                f"{figures['overall_naive']:.3f} s (full list)",
                TARGET_OWN_SECONDS,
            ),
            (f"freezing.freeze (once, {participants:,} lines)", figures["freeze"], "", TARGET_FREEZE_SECONDS),
        ]
        met = []
        for label, seconds, naive_column, target in rows:
            if target is None:
                target_text, verdict = "-", ""
            else:
                within = seconds < target
                met.append(within)
                target_text = f"< {target:.3f} s"
                verdict = self.style.SUCCESS("met") if within else self.style.ERROR("NOT met")
            self.stdout.write(f"{label:<40}{seconds:>8.3f} s{naive_column:>26}{target_text:>12}   {verdict}")
        self.stdout.write(
            f"Targets (stated at 100,000 participants): top {TOP} list under {TARGET_TOP_SECONDS:.3f} s, "
            f"own rank (in the round and overall) under {TARGET_OWN_SECONDS:.3f} s, "
            f"freeze under {TARGET_FREEZE_SECONDS:.0f} s: "
            + (self.style.SUCCESS("all met") if all(met) else self.style.ERROR("NOT all met"))
            + "."
        )


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def yes(flag):
    return "yes" if flag else "NO"


def deciding_rules(lines):
    """How many lines rank below the line above by each rule of the order (the first on which they differ)."""
    rules = {"score": 0, "prediction": 0, "time taken": 0, "submit millisecond": 0, "attempt recorded first": 0}
    for above, below in zip(lines, lines[1:], strict=False):
        if above.percent != below.percent:
            rules["score"] += 1
        elif above.distance != below.distance:
            rules["prediction"] += 1
        elif above.duration_seconds != below.duration_seconds:
            rules["time taken"] += 1
        elif above.finished_at != below.finished_at:
            rules["submit millisecond"] += 1
        else:
            rules["attempt recorded first"] += 1
    return rules


def naive_text(seconds, reason):
    return f"{seconds:.3f} s" if seconds is not None else reason


# The naive own rank: the whole ranking ordered in the database from the attempts, the old way.


def naive_overall_rank(page, user_id):
    """The user's overall position read from the whole overall list in ranking order, or None."""
    ordered = list(
        OverallEntry.objects.filter(page=page)
        .order_by("-total", "duration_seconds", "finished_ms", "user_id")
        .values_list("user_id", flat=True)
    )
    return ordered.index(user_id) + 1 if user_id in ordered else None


class Millisecond(Func):
    """A timestamp cut to the millisecond, the precision the rulebook compares (grading.to_millisecond)."""

    template = "date_trunc('milliseconds', %(expressions)s)"
    output_field = DateTimeField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="SUBSTR(%(expressions)s, 1, 23)", **extra_context)


def naive_own_rank(quiz, user_id):
    """The user's position in the full ranking computed from the finished attempts with a window function.

    Each participant's counted attempt is picked with ROW_NUMBER() over their attempts in the
    counted order (score, time taken, submit millisecond, attempt id: the prediction never picks
    among one's own attempts), then every counted attempt is ordered by the ranking order and the
    user is found in the list. None if the user has no finished attempt.
    """
    finished = Attempt.objects.filter(quiz=quiz, state=AttemptState.FINISHED)
    actual = finished.filter(all_correct=True).values("user_id").distinct().count()
    counted = (
        finished.annotate(
            finished_ms=Millisecond("finished_at"),
            distance=Abs(F("prediction") - Value(actual)),
            row=Window(
                RowNumber(),
                partition_by=[F("user_id")],
                order_by=[F("percent").desc(), F("duration_seconds").asc(), F("finished_ms").asc(), F("pk").asc()],
            ),
        )
        .filter(row=1)
        .order_by(
            F("percent").desc(),
            F("distance").asc(nulls_last=True),
            F("duration_seconds").asc(),
            F("finished_ms").asc(),
            F("pk").asc(),
        )
    )
    ordered = list(counted.values_list("user_id", flat=True))
    return ordered.index(user_id) + 1 if user_id in ordered else None


# The naive baseline: one query per participant, then the Python rules of grading.rank.


def naive_individual_ranking(quiz):
    actual = ranking.all_correct_count(quiz)
    user_ids = ranking.finished_attempts(quiz).values_list("user_id", flat=True).distinct()
    ranked = []
    for user_id in user_ids:
        attempts = Attempt.objects.filter(quiz=quiz, user_id=user_id, state=AttemptState.FINISHED).select_related(
            "user", "user__cadre", "unit"
        )
        ranked.extend(
            grading.RankEntry(a.user_id, a.percent, a.prediction, a.duration_seconds, a.finished_at, a.pk)
            for a in attempts
        )
    return grading.rank(ranked, actual)


def naive_unit_ranking(quiz):
    """Per unit: its subtree's cadres, then each cadre's attempts made in that subtree, one query each."""
    lines = []
    for unit in ranking.ranked_units(2):
        subtree = list(unit.subtree().values_list("pk", flat=True))
        cadres = Cadre.objects.filter(unit_id__in=subtree, user__is_active=True)
        best_scores = []
        for cadre in cadres:
            percents = [
                a.percent
                for a in Attempt.objects.filter(
                    quiz=quiz, user_id=cadre.user_id, state=AttemptState.FINISHED, unit_id__in=subtree
                )
            ]
            if percents:
                best_scores.append(max(percents))
        average = (sum(best_scores) / len(best_scores)).quantize(Decimal("0.01")) if best_scores else None
        cadre_count = len(cadres)
        participation = Decimal(len(best_scores)) * 100 / cadre_count if cadre_count else Decimal(0)
        lines.append((unit, cadre_count, len(best_scores), average, participation.quantize(Decimal("0.1"))))
    lines.sort(key=lambda line: (-line[4], -(line[3] or 0), line[0].name))
    return [(unit.pk, cadre_count, participants, average) for unit, cadre_count, participants, average, _p in lines]
