"""The exam day of the load test (README, "Exam day"): its contest, its officials, and the check after it.

`prepare` makes a 25-question contest open now (five pages of five, one attempt each) and N officials spread
over the demo's communes and departments, all with one known password; `verify` reads the database after a
load run and lists every broken promise: an attempt stored twice, a score that is not the server's, answers
that differ from what the client said it sent, an attempt left open past its time, report counters that
differ from a recount.
"""

import csv
import json
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from accounts.models import PrivacyConsent, PrivacyNotice
from courses.models import CoursePage
from elearn.publishing import sync_child_page
from home.models import HomePage
from quizzes import attempts
from quizzes.demo import sync_quiz
from quizzes.demo_content import DIGITAL_SKILLS, IT_LAW, SECURITY
from quizzes.models import Attempt, ContestPage, QuestionCategory, Quiz, ReviewWhen, SelectionMode
from reports import counters, exports
from reports.models import ExportState, ReportExport
from reports.tasks import build_export
from units.models import Cadre, Unit
from units.people import CadreRow, SharedPassword, sync_cadres
from units.roles import MANAGER

TITLE = "Bài thi: Cuộc thi kiểm thử ngày thi (25 câu)"
SLUG = "cuoc-thi-kiem-thu-ngay-thi"
USERNAME = "thisinh{:05d}"
STAFF_CODE = "TS-{:05d}"
DRAWS = ((IT_LAW, 9), (SECURITY, 8), (DIGITAL_SKILLS, 8))
QUESTIONS = sum(count for _category, count in DRAWS)


@dataclass
class Prepared:
    """What the load test needs to know (its targets file): the contest, a catalogue and a course page, and the
    managers it logs in as with their second factor."""

    quiz_id: int
    contest_url: str
    officials: int
    units: int
    catalogue_url: str = ""
    course_url: str = ""
    managers: dict = field(default_factory=dict)  # username -> TOTP secret

    def targets(self):
        return asdict(self)


def _exam_units():
    """The units officials sit in: the demo's active leaves (communes, wards, departments' offices)."""
    leaves = Unit.objects.filter(is_active=True, numchild=0).order_by("path")
    return list(leaves.values_list("code", flat=True))


def prepare(officials, password, accounts_file=None, now=None):
    """Make the exam contest and `officials` accounts exist (a rerun changes nothing); return Prepared."""
    now = now or timezone.now()
    categories = {category.name: category for category in QuestionCategory.objects.filter(name__in=dict(DRAWS))}
    quiz, _status = sync_quiz(
        TITLE,
        {
            "description": f"Bài thi dùng cho kiểm thử tải: {QUESTIONS} câu, 5 câu mỗi trang, một lượt làm.",
            "selection_mode": SelectionMode.RANDOM,
            "time_limit_minutes": 30,
            "max_attempts": 1,
            "is_contest": True,
            "prediction_enabled": True,
            "questions_per_page": 5,
            "review_answers": ReviewWhen.AFTER_CLOSE,
            "review_explanations": ReviewWhen.AFTER_CLOSE,
        },
        draws=[(categories[name], count) for name, count in DRAWS],
    )
    # Open from now for a week, whenever the stack is started again.
    quiz.opens_at, quiz.closes_at = now - timedelta(minutes=5), now + timedelta(days=7)
    quiz.save(update_fields=["opens_at", "closes_at"])
    home = HomePage.objects.live().first()
    page, _status = sync_child_page(
        home,
        ContestPage,
        SLUG,
        {
            "title": "Cuộc thi kiểm thử ngày thi",
            "intro": "Cuộc thi dùng để đo tải của hệ thống trong ngày thi.",
            "rules": f"<p>Mỗi thí sinh làm một lượt, {QUESTIONS} câu trong 30 phút.</p>",
            "ranking_size": 50,
        },
        {"rounds": [{"name": "Đợt 1", "quiz": quiz}]},
    )
    units = _exam_units()
    rows = [
        CadreRow(
            staff_code=STAFF_CODE.format(number),
            full_name=f"Thí sinh {number:05d}",
            unit_code=units[number % len(units)],
            username=USERNAME.format(number),
        )
        for number in range(1, officials + 1)
    ]
    sync_cadres(rows, SharedPassword(password))
    _accept_privacy_notice([row.username for row in rows])
    if accounts_file:
        with Path(accounts_file).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["username", "password"])
            writer.writerows([row.username, password] for row in rows)
    course = CoursePage.objects.live().public().order_by("path").first()
    managers = _load_managers(password)
    return Prepared(
        quiz.pk,
        page.url,
        officials,
        len(units),
        catalogue_url=course.get_parent().url if course else "/",
        course_url=course.url if course else "/",
        managers=managers,
    )


MANAGERS = 5
MANAGER_USERNAME = "quanlytai{}"


def _load_managers(password):
    """Managers of the whole province for the load test, each with a second factor whose secret the load
    test knows (staff must log in with one): {username: TOTP secret}. A rerun keeps their secrets."""
    root = Unit.get_first_root_node()
    rows = [
        CadreRow(
            staff_code=f"QLT-{number}",
            full_name=f"Quản lý kiểm thử {number}",
            unit_code=root.code,
            username=MANAGER_USERNAME.format(number),
            groups=(MANAGER,),
        )
        for number in range(1, MANAGERS + 1)
    ]
    sync_cadres(rows, SharedPassword(password))
    _accept_privacy_notice([row.username for row in rows])
    secrets = {}
    for row in rows:
        user = get_user_model().objects.get(username=row.username)
        root.managers.add(user)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
        else:
            secret = decrypt(totp.data["secret"])
        secrets[row.username] = secret
    return secrets


def reset(quiz_id):
    """Before a load run: the exam contest's attempts go, so every account may sit it again. Returns how many."""
    deleted, _by_model = Attempt.objects.filter(quiz_id=quiz_id).delete()
    ReportExport.objects.filter(title=FAULT_EXPORT_TITLE).delete()
    return deleted


FAULT_EXPORT_TITLE = "Kiểm thử sự cố: báo cáo khóa học"


def queue_fault_work(manager="quanly", count=3):
    """Before the Celery worker is killed: course report exports for it to hold (they must finish later)."""
    user = get_user_model().objects.get(username=manager)
    unit = user.managed_units.order_by("path").first()
    course = CoursePage.objects.live().order_by("path").first()
    queued = []
    for _number in range(count):
        export = exports.create_course_export(
            user, unit, {"subject": f"course-{course.pk}"}, "xlsx", FAULT_EXPORT_TITLE
        )
        build_export.delay(export.pk)
        queued.append(export.pk)
    return queued


def _accept_privacy_notice(usernames):
    """The officials accepted the published notice at their first login, days before the exam."""
    notice = PrivacyNotice.objects.filter(live=True).order_by("pk").first()
    if notice is None or notice.live_revision_id is None:
        return
    users = Cadre.objects.filter(user__username__in=usernames).values_list("user_id", flat=True)
    PrivacyConsent.objects.bulk_create(
        [PrivacyConsent(user_id=user_id, revision_id=notice.live_revision_id) for user_id in users],
        ignore_conflicts=True,
    )


@dataclass
class Verdict:
    """What `verify` found: the figures and every broken promise."""

    attempts: int = 0
    submitted: int = 0
    answers_checked: int = 0
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


def verify(quiz_id, client_log=None, now=None):
    """Check the database after a load run; `client_log` is the JSON-lines file the load users wrote.

    Each line of the log is one submit the server acknowledged: {"attempt": id, "answers": {position:
    [choices as the page numbers them]}}.
    """
    now = now or timezone.now()
    verdict = Verdict()
    quiz = Quiz.objects.get(pk=quiz_id)
    exam = Attempt.objects.filter(quiz=quiz)
    verdict.attempts = exam.count()
    verdict.submitted = exam.filter(finished_at__isnull=False).count()
    for row in exam.values("user_id").annotate(n=Count("pk")).filter(n__gt=quiz.max_attempts):
        verdict.problems.append(f"người dùng {row['user_id']} có {row['n']} lượt (tối đa {quiz.max_attempts})")
    grace = timedelta(seconds=settings.QUIZ_DEADLINE_GRACE_SECONDS)
    for attempt in exam.filter(finished_at__isnull=True, deadline__lt=now - grace):
        deadline = timezone.localtime(attempt.deadline)
        verdict.problems.append(f"lượt {attempt.pk} vẫn mở sau hạn {deadline:%H:%M:%S %d/%m/%Y}")
    finished = {attempt.pk: attempt for attempt in exam.filter(finished_at__isnull=False)}
    for attempt in finished.values():
        if (expected := attempts.rescored(attempt)) != attempt.score:
            verdict.problems.append(f"lượt {attempt.pk}: điểm lưu {attempt.score}, chấm lại {expected}")
    if client_log and Path(client_log).exists():
        for line in Path(client_log).read_text(encoding="utf-8").splitlines():
            _compare_with_client(finished, json.loads(line), verdict)
    unfinished = ReportExport.objects.filter(title=FAULT_EXPORT_TITLE).exclude(state=ExportState.DONE)
    for export in unfinished:
        verdict.problems.append(f"tệp xuất báo cáo {export.pk} còn ở trạng thái {export.get_state_display()}")
    for kind, key, stored, recounted in counters.differences():
        verdict.problems.append(f"bộ đếm báo cáo ({kind}) {key}: lưu {stored}, đếm lại {recounted}")
    return verdict


def _compare_with_client(finished, sent, verdict):
    """A submit the server acknowledged is stored, with the answers the client sent."""
    attempt = finished.get(sent["attempt"])
    if attempt is None:
        verdict.problems.append(f"lượt {sent['attempt']} đã được xác nhận nộp nhưng không có trong CSDL")
        return
    expected = attempts.answers_from_choices(
        attempt, {int(position): choices for position, choices in sent["answers"].items()}
    )
    saved = dict(attempt.questions.values_list("position", "selected_option_ids"))
    for position, option_ids in expected.items():
        verdict.answers_checked += 1
        if sorted(saved.get(position) or []) != sorted(option_ids):
            verdict.problems.append(f"lượt {attempt.pk} câu {position}: gửi {option_ids}, lưu {saved.get(position)}")
