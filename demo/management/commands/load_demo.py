"""Load the demo organisation, people and content; safe to run again (it then changes nothing)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import load_demo_privacy_notice
from certificates.demo import load_demo_certificate_template
from courses.certificates import issue_missing as issue_missing_certificates
from courses.demo import load_demo_assignment, load_demo_courses, load_demo_law_references, load_demo_progress
from elearn.commands import CHATTY_LOGGERS, quiet_loggers
from h5p.demo import load_demo_h5p
from home.demo import (
    configure_default_site,
    configure_home_page,
    get_home_page,
    load_demo_help,
    load_demo_news,
    load_demo_review_draft,
)
from home.models import HomePage
from quizzes.certificates import issue_for_contest
from quizzes.demo import (
    load_demo_closed_contest,
    load_demo_contest,
    load_demo_contest_results,
    load_demo_quizzes,
)
from reports import counters
from reports.demo import load_demo_emulation
from units.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    check_demo_password,
    demo_cadre_rows,
    load_demo_people,
    load_demo_units,
)
from units.models import Unit

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"  # taken by `manage.py take_screenshots`


def merge_lesson_blocks(*mappings):
    """One {lesson slug: [raw blocks]} from several, keeping each mapping's blocks in order."""
    merged = {}
    for mapping in mappings:
        for slug, blocks in mapping.items():
            merged.setdefault(slug, []).extend(blocks)
    return merged


class Command(BaseCommand):
    help = (
        "Load demo data: Thành phố Hải Phòng with its real wards and some agencies, generated cadres, "
        "one account per role, news articles, courses with quizzes and an H5P activity, a required course and two "
        "contests (one closed, with its results). "
        "Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        try:
            check_demo_password()
        except ValidationError as error:
            messages = " ".join(error.messages)
            raise CommandError(f"The demo password fails the password validators: {messages}") from error

        started = time.monotonic()
        self.stdout.write(self.style.MIGRATE_HEADING("Loading demo data"))
        quiet = quiet_loggers(CHATTY_LOGGERS) if options["verbosity"] < 2 else quiet_loggers([])
        try:
            with quiet:
                # Outside the transaction below: installing an H5P package moves files into storage just
                # before its own commit (h5p.registry.install_package).
                h5p_blocks, h5p_status = load_demo_h5p()
                with transaction.atomic():
                    self.load(h5p_blocks, h5p_status)
        except (HomePage.DoesNotExist, Unit.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))
        self.print_accounts()

    def load(self, h5p_blocks, h5p_status):
        self.report("Units (province, wards, agencies)", load_demo_units())

        people = load_demo_people()
        self.report("Demo cadres", people.cadres)
        self.report("Role accounts", people.accounts)
        self.line("Unit managers", f"{people.manager_links_added} added")

        home_page = get_home_page()
        self.report("News pages", load_demo_news(home_page))
        quizzes = load_demo_quizzes()
        self.report("Question bank", quizzes.bank)
        self.report("Quizzes", quizzes.quizzes)
        self.line("H5P activity", h5p_status)
        lesson_blocks = merge_lesson_blocks(quizzes.lesson_blocks, h5p_blocks)
        template, created = load_demo_certificate_template()
        self.line("Certificate template", "created" if created else "unchanged")
        course_index, course_pages, counts = load_demo_courses(home_page, lesson_blocks, template)
        self.report("Course pages", counts)
        self.line("Required course", load_demo_assignment(course_pages))
        self.line("Cited laws", load_demo_law_references(course_pages))
        created = load_demo_progress(course_pages)
        if created:
            counters.rebuild()  # bulk writes bypass the signals that keep the report counters fresh
        self.line("Learning progress", f"{created} enrolments of demo cadres created")
        # Re-read the home page: adding children changed its tree fields behind the instance's back.
        home_page = get_home_page()
        self.line("Home page", configure_home_page(home_page, course_index, course_pages))
        self.line(
            "Contest page",
            load_demo_contest(get_home_page(), quizzes.contest_quiz, second_round=quizzes.contest_round_2_quiz),
        )
        self.line("Closed contest page", load_demo_closed_contest(get_home_page(), quizzes.closed_contest_quiz))
        self.line("Contest results", str(load_demo_contest_results(quizzes.closed_contest_quiz)))
        self.line("Certificates", f"{self.issue_certificates(quizzes.closed_contest_quiz, template)} issued")
        self.line("Emulation review periods", load_demo_emulation())
        self.line("Privacy notice", load_demo_privacy_notice())
        self.line("News draft in review", load_demo_review_draft())
        self.report("User guides", load_demo_help(get_home_page(), SCREENSHOTS))
        site, status = configure_default_site(home_page)
        self.line("Default site", f"{status} ({site.hostname}, “{site.site_name}”)")

    def issue_certificates(self, contest, template):
        """The demo's completions were written in bulk (no signals): issue their certificates, and the closed
        contest's participation certificates (its ranking is published)."""
        issued = issue_missing_certificates()
        if contest.certificate_template_id is None:
            contest.certificate_template = template
            contest.save(update_fields=["certificate_template"])
        return issued + issue_for_contest(contest.pk)

    def report(self, label, counts):
        self.line(label, str(counts))

    def line(self, label, text):
        self.stdout.write(f"  {label + ':':<36} {text}")

    def print_accounts(self):
        base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://127.0.0.1:8000"
        base_url = base_url.rstrip("/")
        units = dict(Unit.objects.filter(code__in=[a.unit_code for a in DEMO_ACCOUNTS]).values_list("code", "name"))
        header = ("Vai trò", "Tên đăng nhập", "Mã cán bộ", "Mật khẩu", "Đơn vị")
        rows = [
            (account.role, account.username, account.staff_code, DEMO_PASSWORD, units.get(account.unit_code, ""))
            for account in DEMO_ACCOUNTS
        ]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

        self.stdout.write("")
        heading = "Tài khoản mẫu / demo accounts (đăng nhập bằng tên đăng nhập hoặc mã cán bộ)"
        self.stdout.write(self.style.MIGRATE_HEADING(heading))
        for row in [header, *rows]:
            cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
        cadres = demo_cadre_rows()
        self.stdout.write(
            f"  {len(cadres)} cán bộ mẫu ({cadres[0].staff_code} … {cadres[-1].staff_code}) là học viên, cùng mật khẩu "
            f"trên; đăng nhập bằng mã cán bộ hoặc email."
        )
        self.stdout.write(
            "  Tài khoản quản trị, biên tập, kiểm duyệt, quản lý phải bật xác thực hai bước ở lần đăng nhập đầu "
            "(cần ứng dụng xác thực trên điện thoại) / staff accounts enrol a second factor at first login."
        )
        self.stdout.write("")
        self.stdout.write(f"  Trang học tập / site:   {base_url}/")
        self.stdout.write(f"  Trang quản trị / admin: {base_url}/admin/")
