"""Time the contest rankings on a large generated contest, against a naive per-participant baseline.

Everything the command creates (a unit tree, cadres and their accounts, a contest quiz and its
attempts) is written inside one transaction that is rolled back at the end: the database is left
as it was found. Run it on PostgreSQL, the production database:

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
from django.utils import timezone

from elearn.commands import CHATTY_LOGGERS, quiet_loggers
from quizzes import grading, ranking
from quizzes.models import Attempt, AttemptState, CloseReason, Quiz
from units.models import Cadre, CadreCategory, Unit, UnitKind

PREFIX = "BENCH"
TARGET_SECONDS = 1.0


class Rollback(Exception):
    """Raised to leave the benchmark's transaction, undoing every row it wrote."""


class Command(BaseCommand):
    help = (
        "Benchmark ranking.individual_ranking and ranking.unit_ranking on a generated contest "
        "(default 10,000 participants) against a naive per-participant Python ranking. "
        "Writes inside a transaction that is rolled back: nothing is left behind."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=10_000)
        parser.add_argument("--units", type=int, default=300, help="Units in the generated tree (province included).")
        parser.add_argument("--repeat", type=int, default=5, help="Timed runs of each SQL ranking (median shown).")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--skip-naive", action="store_true", help="Do not run the (slow) naive baseline.")
        parser.add_argument("--allow-sqlite", action="store_true", help="Run on a database other than PostgreSQL.")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" and not options["allow_sqlite"]:
            raise CommandError(
                f"This benchmark measures PostgreSQL; the database is {connection.vendor}. "
                "Set DATABASE_URL to a PostgreSQL database, or pass --allow-sqlite."
            )
        if options["participants"] < 1 or options["units"] < 3 or options["repeat"] < 1:
            raise CommandError("--participants must be at least 1, --units at least 3, --repeat at least 1.")
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
        attempts = self.make_attempts(quiz, cadres[: options["participants"]], rng)
        self.analyze()
        self.stdout.write(
            f"Generated in {time.perf_counter() - started:.1f} s: {len(units)} units, {len(cadres):,} cadres, "
            f"{options['participants']:,} participants, {attempts:,} finished attempts "
            f"({connection.vendor}{self.server_version()})."
        )

        sql_individual, individual = self.time_sql(lambda: ranking.individual_ranking(quiz), options["repeat"])
        sql_units, units_ranked = self.time_sql(lambda: ranking.unit_ranking(quiz), options["repeat"])
        naive = {"individual": None, "units": None}
        if not options["skip_naive"]:
            naive["individual"], naive_individual = timed(lambda: naive_individual_ranking(quiz))
            naive["units"], naive_units = timed(lambda: naive_unit_ranking(quiz))
            self.check_same(individual, naive_individual, units_ranked, naive_units)
        self.print_table(options["repeat"], sql_individual, sql_units, naive, len(individual), len(units_ranked))

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
        """One or two finished attempts per participant, with the scores, predictions and times of a contest."""
        now = timezone.now()
        scores = [Decimal(p) for p in range(0, 101, 10)]
        weights = [1, 1, 2, 3, 5, 8, 12, 16, 18, 14, 10]
        rows = []
        for cadre in cadres:
            for number in range(1, 3 if rng.random() < 0.3 else 2):
                percent = rng.choices(scores, weights)[0]
                duration = rng.randint(45, 900)
                finished_at = now - timedelta(seconds=rng.randint(0, 30 * 86400), microseconds=rng.randint(0, 999_999))
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
                        prediction=None if rng.random() < 0.1 else max(0, round(rng.gauss(len(cadres) // 10, 300))),
                    )
                )
        Attempt.objects.bulk_create(rows, batch_size=2000)
        return len(rows)

    def analyze(self):
        tables = [Attempt._meta.db_table, Unit._meta.db_table, Cadre._meta.db_table, get_user_model()._meta.db_table]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {', '.join(tables)}")
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

    def check_same(self, individual, naive_individual, units_ranked, naive_units):
        same_individual = [a.user_id for a in individual] == [e.user_id for e in naive_individual]
        same_units = [(u.unit.pk, u.cadres, u.participants, u.average) for u in units_ranked] == naive_units
        self.stdout.write(
            f"Same order as the naive ranking: individuals {yes(same_individual)}, units {yes(same_units)}."
        )
        if not (same_individual and same_units):
            raise CommandError("The SQL and naive rankings disagree.")

    def print_table(self, repeat, sql_individual, sql_units, naive, participants, unit_lines):
        self.stdout.write("")
        header = f"{'ranking':<28}{'SQL (median of ' + str(repeat) + ')':>20}{'naive Python':>16}{'speed-up':>12}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        rows = [
            (f"individual ({participants:,} lines)", sql_individual, naive["individual"]),
            (f"unit ({unit_lines:,} units)", sql_units, naive["units"]),
        ]
        for label, sql_seconds, naive_seconds in rows:
            naive_text = f"{naive_seconds:.3f} s" if naive_seconds is not None else "skipped"
            ratio = f"{naive_seconds / sql_seconds:.0f}×" if naive_seconds is not None and sql_seconds else "-"
            self.stdout.write(f"{label:<28}{sql_seconds:>18.3f} s{naive_text:>16}{ratio:>12}")
        within = sql_individual < TARGET_SECONDS and sql_units < TARGET_SECONDS
        verdict = self.style.SUCCESS("met") if within else self.style.ERROR("NOT met")
        self.stdout.write(f"Target: each SQL ranking under {TARGET_SECONDS:.0f} s: {verdict}.")


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def yes(flag):
    return "yes" if flag else "NO"


# The naive baseline: one query per participant, then the Python rules of grading.rank.


def naive_individual_ranking(quiz):
    actual = ranking.all_correct_count(quiz)
    user_ids = ranking.finished_attempts(quiz).values_list("user_id", flat=True).distinct()
    entries = []
    for user_id in user_ids:
        attempts = Attempt.objects.filter(quiz=quiz, user_id=user_id, state=AttemptState.FINISHED).select_related(
            "user", "user__cadre", "unit"
        )
        entries.extend(
            grading.RankEntry(a.user_id, a.percent, a.prediction, a.duration_seconds, a.finished_at, a.pk)
            for a in attempts
        )
    return grading.rank(entries, actual)


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
