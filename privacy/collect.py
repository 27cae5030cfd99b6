"""Everything the platform holds about one person, section by section, as plain rows (Luật 91/2025: the right
of access). Each section is a title, its column headings and the rows; values are text, numbers or datetimes."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from accounts.models import PrivacyConsent
from certificates.models import Certificate
from courses.models import CourseCompletion, Enrolment, LessonProgress
from h5p.models import H5PAttempt
from quizzes.models import Attempt, AttemptQuestion
from units.models import Membership

from .models import CorrectionRequest


@dataclass
class Section:
    key: str
    title: str
    headings: list
    rows: list = field(default_factory=list)


def profile(user):
    cadre = getattr(user, "cadre", None)
    rows = [
        [_("Tên đăng nhập"), user.get_username()],
        [_("Email"), user.email],
        [_("Tài khoản hoạt động"), user.is_active],
        [_("Ngày tạo tài khoản"), user.date_joined],
        [_("Đăng nhập gần nhất"), user.last_login],
    ]
    if cadre is not None:
        rows += [
            [_("Họ và tên"), cadre.full_name],
            [_("Mã cán bộ"), cadre.staff_code],
            [_("Đơn vị"), cadre.unit.name],
            [_("Chức vụ"), cadre.position],
            [_("Loại cán bộ"), cadre.get_category_display()],
            [_("Ngày thôi công tác"), cadre.left_on],
        ]
    return Section(
        "profile", _("Hồ sơ"), [_("Thông tin"), _("Giá trị")], [[str(label), value] for label, value in rows]
    )


def memberships(user):
    rows = Membership.objects.filter(cadre__user=user).select_related("unit").order_by("started_on")
    return Section(
        "memberships",
        _("Quá trình công tác"),
        [_("Đơn vị"), _("Mã đơn vị"), _("Từ ngày"), _("Đến ngày")],
        [[m.unit.name, m.unit.code, m.started_on, m.ended_on] for m in rows],
    )


def enrolments(user):
    rows = Enrolment.objects.filter(user=user).order_by("enrolled_at")
    return Section(
        "enrolments",
        _("Ghi danh khóa học"),
        [_("Khóa học"), _("Cách ghi danh"), _("Ghi danh lúc"), _("Hoạt động gần nhất"), _("Lần học")],
        [[e.course_title, e.get_source_display(), e.enrolled_at, e.last_activity_at, e.cycle] for e in rows],
    )


def lesson_progress(user):
    rows = LessonProgress.objects.filter(user=user).order_by("first_viewed_at")
    return Section(
        "lesson_progress",
        _("Tiến độ bài học"),
        [
            _("Bài học"),
            _("Trạng thái"),
            _("Xem lần đầu"),
            _("Xem gần nhất"),
            _("Số giây"),
            _("Hoàn thành lúc"),
            _("Điểm"),
        ],
        [
            [
                p.lesson_title,
                p.get_status_display(),
                p.first_viewed_at,
                p.last_seen_at,
                p.seconds_viewed,
                p.completed_at,
                p.score,
            ]
            for p in rows
        ],
    )


def completions(user):
    rows = CourseCompletion.objects.filter(user=user).order_by("completed_at")
    return Section(
        "completions",
        _("Hoàn thành khóa học"),
        [_("Khóa học"), _("Hoàn thành lúc"), _("Điểm"), _("Số bài đã học"), _("Số bài bắt buộc"), _("Lần học")],
        [[c.course_title, c.completed_at, c.score, c.lessons_completed, c.lessons_required, c.cycle] for c in rows],
    )


def attempts(user):
    rows = Attempt.objects.filter(user=user).select_related("quiz").order_by("started_at")
    return Section(
        "attempts",
        _("Bài kiểm tra và cuộc thi"),
        [
            _("Mã lượt làm"),
            _("Bài"),
            _("Lần"),
            _("Trạng thái"),
            _("Bắt đầu"),
            _("Nộp lúc"),
            _("Điểm"),
            _("Điểm tối đa"),
            _("Tỷ lệ (%)"),
            _("Đạt"),
            _("Dự đoán"),
        ],
        [
            [
                a.pk,
                a.quiz.title,
                a.number,
                a.get_state_display(),
                a.started_at,
                a.finished_at,
                a.score,
                a.max_score,
                a.percent,
                a.passed,
                a.prediction,
            ]
            for a in rows
        ],
    )


def answers(user):
    rows = AttemptQuestion.objects.filter(attempt__user=user).select_related("question").order_by("attempt", "position")
    return Section(
        "answers",
        _("Câu trả lời"),
        [_("Mã lượt làm"), _("Câu"), _("Câu hỏi"), _("Đáp án đã chọn"), _("Đáp án đúng"), _("Điểm"), _("Trả lời lúc")],
        [
            [
                q.attempt_id,
                q.position,
                str(q.question),
                ", ".join(map(str, q.selected_option_ids or [])),
                ", ".join(map(str, q.correct_option_ids or [])),
                q.points,
                q.answered_at,
            ]
            for q in rows
        ],
    )


def h5p_results(user):
    rows = H5PAttempt.objects.filter(user=user).select_related("activity").order_by("started_at")
    return Section(
        "h5p",
        _("Kết quả hoạt động H5P"),
        [_("Hoạt động"), _("Bắt đầu"), _("Kết thúc"), _("Điểm"), _("Điểm tối đa"), _("Hoàn thành"), _("Đạt")],
        [
            [h.activity.title, h.started_at, h.finished_at, h.raw_score, h.max_score, h.completion, h.success]
            for h in rows
        ],
    )


def logins(user):
    rows = ModelLogEntry.objects.for_instance(user).filter(action__startswith="accounts.").order_by("timestamp")
    return Section(
        "account_history",
        _("Lịch sử đăng nhập và tài khoản"),
        [_("Thời gian"), _("Sự kiện"), _("Địa chỉ IP")],
        [[e.timestamp, str(log_registry.get_action_label(e.action)), (e.data or {}).get("ip") or ""] for e in rows],
    )


def consents(user):
    rows = PrivacyConsent.objects.filter(user=user).order_by("accepted_at")
    return Section(
        "consents",
        _("Đồng ý xử lý dữ liệu cá nhân"),
        [_("Đồng ý lúc"), _("Phiên bản"), _("Địa chỉ IP")],
        [[c.accepted_at, c.revision_id, c.address or ""] for c in rows],
    )


def certificates(user):
    rows = Certificate.objects.filter(user=user).order_by("issued_at")
    return Section(
        "certificates",
        _("Chứng nhận"),
        [
            _("Số"),
            _("Khóa học, cuộc thi"),
            _("Kết quả"),
            _("Ngày đạt"),
            _("Cấp lúc"),
            _("Hiệu lực đến"),
            _("Tình trạng"),
        ],
        [[c.display_number, c.title, c.result, c.achieved_on, c.issued_at, c.valid_until, c.status_text] for c in rows],
    )


def corrections(user):
    rows = CorrectionRequest.objects.filter(user=user).select_related("new_unit").order_by("created_at")
    return Section(
        "corrections",
        _("Đề nghị sửa thông tin"),
        [
            _("Gửi lúc"),
            _("Họ và tên đề nghị"),
            _("Chức vụ đề nghị"),
            _("Đơn vị đề nghị"),
            _("Trạng thái"),
            _("Trả lời"),
        ],
        [
            [
                c.created_at,
                c.full_name,
                c.position,
                c.new_unit.name if c.new_unit else "",
                c.get_status_display(),
                c.reply,
            ]
            for c in rows
        ],
    )


SECTIONS = [
    profile,
    memberships,
    enrolments,
    lesson_progress,
    completions,
    attempts,
    answers,
    h5p_results,
    logins,
    certificates,
    consents,
    corrections,
]
