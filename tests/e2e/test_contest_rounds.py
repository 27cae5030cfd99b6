"""A two-round contest end to end in a real browser: a citizen registers, takes round 1; the organisers freeze it
and publish its prizes in the admin; the citizen takes round 2 and sees their own rank outside the top list."""

import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from quizzes import entries
from quizzes.models import (
    Attempt,
    AttemptState,
    ContestPage,
    ContestRound,
    PrizeTier,
    QuestionCategory,
    RoundSnapshot,
)
from tests.e2e.helpers import log_in, overflow
from tests.factories import CadreFactory, make_question, make_quiz, publish
from units.models import Unit, UnitKind
from units.roles import ORGANISER

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Cong@Dan2026-du-thi"


def two_rounds():
    category = QuestionCategory.objects.create(name="Pháp luật", topic="law")
    questions = [
        make_question(category, "Luật An ninh mạng có hiệu lực từ năm nào?", [("2019", True), ("2009", False)]),
        make_question(category, "Dữ liệu cá nhân phải được bảo vệ.", [("Đúng", True), ("Sai", False)]),
    ]
    now = timezone.now()
    common = {"is_contest": True, "max_attempts": 1, "shuffle_questions": False, "shuffle_options": False}
    one = make_quiz(
        questions, title="Đợt 1", opens_at=now - timedelta(days=1), closes_at=now + timedelta(hours=1), **common
    )
    two = make_quiz(
        questions, title="Đợt 2", opens_at=now + timedelta(hours=1), closes_at=now + timedelta(days=7), **common
    )
    return one, two


def earlier_participants(quiz, ward, count):
    """Officials who took round 1 before the citizen, all with full marks (they stay above them)."""
    now = timezone.now() - timedelta(minutes=30)
    for i in range(count):
        user = CadreFactory(unit=ward, full_name=f"Cán bộ dự thi {i + 1}").user
        attempt = Attempt.objects.create(
            quiz=quiz,
            user=user,
            unit=ward,
            number=1,
            state=AttemptState.FINISHED,
            started_at=now + timedelta(seconds=i),
            finished_at=now + timedelta(seconds=i),
            duration_seconds=0,  # no one is faster: they stay above the citizen, who submits later
            max_score=2,
            score=2,
            percent=100,
            all_correct=True,
        )
        with transaction.atomic():  # as in attempts.finish
            entries.record(attempt)


def take_round(page, correct):
    with page.expect_navigation():
        page.get_by_role("button", name="Vào thi").click()
    page.get_by_label("2019" if correct else "2009").check()
    page.get_by_label("Đúng" if correct else "Sai", exact=True).check()
    page.once("dialog", lambda dialog: dialog.accept())  # "Nộp bài?" asks the page before submitting
    with page.expect_navigation():
        page.get_by_role("button", name="Nộp bài").click()
    page.wait_for_url(re.compile(r"/ket-qua/$"))


def test_a_two_round_contest_end_to_end(live_server, phone, desktop, home_page):
    province = Unit.add_root(instance=Unit(code="31", name="Thành phố Hải Phòng", kind=UnitKind.PROVINCE))
    ward = province.add_child(instance=Unit(code="11311", name="Phường Hồng Bàng", kind=UnitKind.WARD))
    one, two = two_rounds()
    PrizeTier.objects.create(quiz=one, name="Giải Nhất", winners=1, sort_order=0)
    PrizeTier.objects.create(quiz=one, name="Giải Nhì", winners=1, sort_order=1)
    contest = publish(
        home_page,
        ContestPage(
            title="Cuộc thi tìm hiểu pháp luật trực tuyến",
            slug="cuoc-thi-phap-luat",
            intro="Hai đợt, mở cho mọi người dân.",
            rules="<p>Mỗi đợt một lượt.</p>",
            ranking_size=2,
            open_registration=True,
            rounds=[ContestRound(name="Đợt 1 (tuần 1)", quiz=one), ContestRound(name="Đợt 2 (tuần 2)", quiz=two)],
        ),
    )
    earlier_participants(one, ward, 3)

    # A citizen registers on a phone.
    phone.goto(live_server.url + contest.url)
    with phone.expect_navigation():
        phone.get_by_role("link", name="Công dân đăng ký dự thi").click()
    assert overflow(phone) <= 0
    phone.get_by_label(re.compile("^Họ và tên")).fill("Nguyễn Thị Hoa")
    phone.get_by_label(re.compile("^Thư điện tử")).fill("hoa.nguyen@example.vn")
    phone.get_by_label("Số điện thoại di động (không bắt buộc)").fill("0912 345 678")
    phone.get_by_label(re.compile("^Xã, phường, đặc khu")).select_option(label="Phường Hồng Bàng")
    phone.get_by_label(re.compile("^Năm sinh")).fill("1990")
    phone.get_by_label(re.compile("^Tôi đồng ý")).check()
    key = phone.locator("input[name=captcha_0]").get_attribute("value")
    expect(phone.locator("img.captcha")).to_be_visible()
    phone.get_by_label(re.compile("^Nhập các ký tự")).fill(CaptchaStore.objects.get(hashkey=key).response)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Đăng ký và nhận mã xác nhận").click()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    phone.get_by_label(re.compile(r"^Mã xác nhận")).fill(code)
    phone.get_by_label(re.compile("^Mật khẩu")).fill(PASSWORD)
    phone.get_by_label(re.compile("^Nhập lại mật khẩu")).fill(PASSWORD)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Hoàn tất đăng ký").click()
    expect(phone.get_by_text("Đăng ký thành công")).to_be_visible()

    # Round 1, with full marks, but after three officials who had full marks too.
    take_round(phone, correct=True)

    # Round 1 closes; an organiser freezes it and publishes its prizes in the admin.
    now = timezone.now()
    type(one).objects.filter(pk=one.pk).update(closes_at=now - timedelta(minutes=5))
    type(two).objects.filter(pk=two.pk).update(opens_at=now - timedelta(minutes=1))
    organiser = CadreFactory(staff_code="BTC00001", full_name="Trưởng Ban Tổ chức").user
    organiser.groups.add(Group.objects.get(name=ORGANISER))
    log_in(desktop, live_server.url, "BTC00001")
    desktop.goto(f"{live_server.url}/admin/quiz-reports/{one.pk}/round/")
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Chốt kết quả đợt thi").click()
    expect(desktop.get_by_text("Khớp với dữ liệu đang lưu")).to_be_visible()
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Công bố kết quả trên trang cuộc thi").click()
    snapshot = RoundSnapshot.objects.get(quiz=one)
    assert [line.prize for line in snapshot.lines.order_by("rank")] == ["Giải Nhất", "Giải Nhì", "", ""]

    # Round 2 is open: the citizen takes it and sees their own rank in each round.
    phone.goto(live_server.url + contest.url)
    expect(phone.get_by_text("Đợt thi hiện tại: Đợt 2 (tuần 2)")).to_be_visible()
    take_round(phone, correct=False)
    phone.goto(live_server.url + contest.url)
    rounds = phone.locator(".contest-round")
    expect(rounds.nth(0)).to_contain_text("Bạn xếp hạng 4 trên 4 người dự thi, điểm 100%")
    expect(rounds.nth(0)).to_contain_text("Kết quả đã được Ban Tổ chức chốt")
    expect(rounds.nth(1)).to_contain_text("Bạn xếp hạng 1 trên 1 người dự thi, điểm 0%")
    results = phone.locator(f"#round-{one.pk}-title").locator("xpath=..")
    expect(results).to_contain_text("Giải Nhất")
    expect(results.locator(".contest-table__mine")).to_have_count(0)  # the top two do not hold the citizen
    assert overflow(phone) <= 0
