"""Time the completion reports on a generated province, next to a naive count over the raw rows.

Meant for a dedicated database (DATABASE_URL=postgres://.../elearn_bench_reports): it writes 100,000
accounts and cadres and millions of enrolments and completions, then removes them (unless --keep).
"""

import logging
import statistics
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from courses import progress
from reports import benchmark, counters, emulation, queries
from reports.models import UnitCadreCount, UnitCourseCount, UnitCourseMonth
from units.models import Cadre

TARGET_MS = 200


@contextmanager
def quiet():
    """Hush the INFO logs of publishing and deleting 50 pages (Wagtail's audit and task lines)."""
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


class Command(BaseCommand):
    help = (
        "Generate a province (cadres, units, courses, enrolments, completions), rebuild the report counters and "
        "time the unit roll-ups against a naive ORM count over the raw rows. Use a dedicated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cadres", type=int, default=100_000, help="Cadres (and login accounts) to generate.")
        parser.add_argument("--units", type=int, default=300, help="Units in the tree.")
        parser.add_argument("--courses", type=int, default=50, help="Live course pages.")
        parser.add_argument("--depth", type=int, default=4, help="Levels of the deepest branch (at least 3).")
        parser.add_argument("--repeat", type=int, default=5, help="Timed runs per figure (the median is shown).")
        parser.add_argument("--keep", action="store_true", help="Leave the generated data in the database.")
        parser.add_argument("--force", action="store_true", help="Run even though the database already has cadres.")
        parser.add_argument("--drop", action="store_true", help="Only remove the data an earlier run left, then stop.")

    def handle(self, *args, cadres, units, courses, depth, repeat, keep, force, drop, **options):
        if drop:
            started = time.perf_counter()
            with quiet():
                benchmark.drop_dataset()
            self.stdout.write(f"Removed the benchmark data in {time.perf_counter() - started:.1f} s.")
            return
        self.check_arguments(cadres, units, courses, depth, repeat)
        self.check_database(force)
        self.repeat = repeat
        self.header(cadres, units, courses, depth)
        failed = None
        try:
            data = self.generate(cadres, units, courses, depth)
            self.rebuild()
            failed = self.compare(data)
            self.informative(data)
        finally:
            if keep:
                self.stdout.write("The generated data is kept (--keep); `manage.py bench_reports --drop` removes it.")
            else:
                started = time.perf_counter()
                with quiet():
                    benchmark.drop_dataset()
                self.stdout.write(f"Removed the generated data in {time.perf_counter() - started:.1f} s.")
        if failed:
            raise CommandError(failed)

    # Before starting

    def check_arguments(self, cadres, units, courses, depth, repeat):
        if depth < 3:
            raise CommandError("--depth must be at least 3 (province, departments, divisions).")
        if units < benchmark.minimum_units(depth):
            raise CommandError(f"--units must be at least {benchmark.minimum_units(depth)} for --depth {depth}.")
        if cadres < 1 or courses < 1 or repeat < 1:
            raise CommandError("--cadres, --courses and --repeat must be at least 1.")

    def check_database(self, force):
        reason = benchmark.leftovers()
        if reason:
            raise CommandError(reason)
        if benchmark.home_page() is None:
            raise CommandError("The database has no home page: run `manage.py migrate` first.")
        existing = Cadre.objects.count()
        if existing and not force:
            raise CommandError(
                f"This database already has {existing:,} cadres: the benchmark writes 100,000 generated people and "
                "millions of progress rows, and is meant for a dedicated database (e.g. createdb "
                "elearn_bench_reports, DATABASE_URL=postgres://.../elearn_bench_reports, migrate). "
                "Use --force to run here anyway."
            )

    def header(self, cadres, units, courses, depth):
        database = connection.settings_dict["NAME"]
        version = ""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                version = f" {cursor.fetchone()[0]}"
        self.stdout.write(f"Database: {connection.vendor}{version} ({database}), DEBUG={settings.DEBUG}")
        self.stdout.write(
            f"Sizes: {cadres:,} cadres, {units:,} units (depth {depth}), {courses} courses; "
            f"each figure is the median of {self.repeat} runs after one warm-up."
        )

    # Data

    def generate(self, cadres, units, courses, depth):
        self.stdout.write("Generating the data set...")
        started = time.perf_counter()
        with quiet():
            data = benchmark.build(cadres, units, courses, depth)
        total = time.perf_counter() - started
        figures = data.figures
        self.stdout.write(f"  units: {units:,} (deepest level {max_depth(data.root)}) in {figures['units_s']:.1f} s")
        self.stdout.write(f"  courses: {courses} published course pages in {figures['courses_s']:.1f} s")
        self.stdout.write(
            f"  people and learning: {figures['cadres']:,} accounts and cadres, {figures['memberships']:,} "
            f"memberships, {figures['enrolments']:,} enrolments, {figures['completions']:,} completions "
            f"in {figures['people_s']:.1f} s"
        )
        if connection.vendor == "postgresql":
            self.stdout.write(f"  vacuum and analyze: {figures['analyze_s']:.1f} s")
        self.stdout.write(f"Generation took {total:.1f} s.")
        return data

    def rebuild(self):
        started = time.perf_counter()
        counters.rebuild()
        elapsed = time.perf_counter() - started
        benchmark.analyze()
        self.stdout.write(
            f"Rebuilt the counters from the raw records (counters.rebuild) in {elapsed:.1f} s: "
            f"{UnitCadreCount.objects.count():,} cadre counts, {UnitCourseCount.objects.count():,} course counts, "
            f"{UnitCourseMonth.objects.count():,} month counts."
        )

    # Figures

    def measure(self, function):
        """(median milliseconds of `repeat` runs after one warm-up, the last result)."""
        result = function()
        times = []
        for _run in range(self.repeat):
            started = time.perf_counter()
            result = function()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times), result

    def cases(self, data):
        course = data.courses[0]
        yield "province roll-up, all courses", data.root, queries.Filters()
        yield f"province roll-up, one course ({course.title})", data.root, queries.Filters(course=course)
        yield f"drill-down, deepest unit with children (level {data.deep.depth})", data.deep, queries.Filters()
        if data.mid is not None and data.mid.pk != data.deep.pk:
            yield (
                f"drill-down, department holding the deep branch (level {data.mid.depth})",
                data.mid,
                queries.Filters(),
            )

    def compare(self, data):
        """Time each case both ways, print the table, check the rows agree; return the differences, if any."""
        lines, differences, slow = [], [], []
        for label, unit, filters in self.cases(data):
            fast_ms, fast = self.measure(
                lambda unit=unit, filters=filters: queries.unit_rollup(data.admin, unit, filters)
            )
            naive_ms, naive = self.measure(
                lambda unit=unit, filters=filters: benchmark.naive_rollup(unit, filters.course_ids())
            )
            fast = benchmark.fast_rows(fast)
            lines.append((f"{label}, {len(fast)} rows", fast_ms, naive_ms))
            if fast_ms > TARGET_MS:
                slow.append(label)
            if fast != naive:
                differences.append(
                    (label, [(f, n) for f, n in zip(fast, naive, strict=False) if f != n] or [(fast, naive)])
                )
        width = max(len(line[0]) for line in lines)
        self.stdout.write("")
        self.stdout.write(f"{'case':<{width}} | {'fast (ms)':>9} | {'naive (ms)':>10} | {'ratio':>7}")
        self.stdout.write(f"{'-' * width}-+-{'-' * 9}-+-{'-' * 10}-+-{'-' * 7}")
        for label, fast_ms, naive_ms in lines:
            self.stdout.write(f"{label:<{width}} | {fast_ms:9.1f} | {naive_ms:10.1f} | {naive_ms / fast_ms:6.0f}x")
        self.stdout.write("")
        if slow:
            self.stdout.write(self.style.WARNING(f"Over the {TARGET_MS} ms target: {'; '.join(slow)}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Every fast figure is within the {TARGET_MS} ms target."))
        if differences:
            text = "\n".join(f"  {label}: (fast, naive) rows differ: {pairs}" for label, pairs in differences)
            self.stdout.write(self.style.ERROR(f"Fast roll-up rows differ from the naive count:\n{text}"))
            return f"The fast roll-up differs from the naive count in {len(differences)} case(s)."
        self.stdout.write(
            self.style.SUCCESS(f"Fast roll-up rows equal the naive count over the raw rows: OK ({len(lines)} cases).")
        )
        return None

    def informative(self, data):
        """Figures without a target: date ranges, one enrolment's refresh, assignment mode."""
        today = timezone.localdate()
        self.stdout.write("")
        self.stdout.write("Informative figures (no target):")
        dated = queries.Filters(date_from=today - timedelta(days=90), date_to=today)
        elapsed, _rows = self.measure(lambda: queries.unit_rollup(data.admin, data.root, dated))
        self.stdout.write(
            f"  province roll-up, all courses, completions of the last 90 days "
            f"(counters, and the completions within the range from the raw rows): {elapsed:.1f} ms"
        )
        ended = queries.Filters(date_from=today - timedelta(days=180), date_to=today - timedelta(days=90))
        elapsed, _rows = self.measure(lambda: queries.unit_rollup(data.admin, data.root, ended))
        self.stdout.write(
            f"  province roll-up, all courses, a range that ended 90 days ago "
            f"(everything from the raw rows): {elapsed:.1f} ms"
        )

        course = data.courses[0]
        biggest = (
            Cadre.objects.filter(unit__path__startswith=data.root.path)
            .values("unit_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        learner = (
            Cadre.objects.filter(unit_id=biggest["unit_id"], user__is_active=True, left_on__isnull=True)
            .exclude(user__enrolments__course=course)
            .select_related("user")
            .first()
        )
        if learner is not None:
            started = time.perf_counter()
            progress.enrol(learner.user, course)  # the refresh runs once the enrolment commits
            self.stdout.write(
                f"  one learner's enrolment, counters refreshed after commit (courses.progress.enrol, "
                f"unit of {biggest['n']:,} cadres): {(time.perf_counter() - started) * 1000:.1f} ms"
            )
        elapsed, _result = self.measure(lambda: counters.refresh({biggest["unit_id"]: {course.pk}}))
        self.stdout.write(f"  counters.refresh of that unit and course alone: {elapsed:.1f} ms")

        with quiet():
            assignment = benchmark.build_assignment(data.root, data.courses, data.admin, today)
        filters = queries.Filters(assignment=assignment)
        elapsed, rows = self.measure(lambda: queries.unit_rollup(data.admin, data.root, filters))
        self.stdout.write(
            f"  province roll-up of a province-wide assignment of {assignment.courses.count()} courses "
            f"({rows[-1].required:,} person-course rows, courses.assignments.statuses): "
            f"{elapsed:.1f} ms"
        )
        elapsed, _rows = self.measure(lambda: queries.unit_rollup(data.admin, data.root, queries.Filters()))
        self.stdout.write(
            f"  province roll-up, all courses, with that assignment in effect (its overdue pairs counted): "
            f"{elapsed:.1f} ms"
        )
        self.emulation_and_past_days(data, today)

    def emulation_and_past_days(self, data, today):
        """As of a past day, and the emulation review (both counted from the raw rows: no target met yet)."""
        day = today - timedelta(days=30)
        elapsed, _rows = self.measure(lambda: queries.unit_rollup(data.admin, data.root, queries.Filters(as_of=day)))
        self.stdout.write(
            f"  province roll-up, all courses, as of 30 days ago (that day's tree and memberships): {elapsed:.1f} ms"
        )
        with quiet():
            period = benchmark.build_emulation_period(today)
        started = time.perf_counter()
        data_, _evidence = emulation.compute(period)
        computed_s = time.perf_counter() - started
        rows = sum(len(group["rows"]) for group in data_["groups"])
        self.stdout.write(
            f"  emulation ranking computed ({rows} units, 5 criteria, the assignment): {computed_s:.1f} s"
        )
        started = time.perf_counter()
        emulation.freeze(period, data.admin)
        self.stdout.write(
            f"  freezing the period (compute and store the snapshot): {time.perf_counter() - started:.1f} s"
        )
        elapsed, _data = self.measure(lambda: emulation.visible(data.admin, emulation.report(period)[0]))
        self.stdout.write(f"  the frozen ranking read back (a snapshot): {elapsed:.1f} ms")


def max_depth(root):
    return root.get_descendants().order_by("-depth").values_list("depth", flat=True).first() or root.depth
