"""Take the screenshots of the user guides (demo/screenshots/) from a running demo site, in Debian's Chromium.

    make run                                   # in one terminal: the demo site
    .venv/bin/python manage.py take_screenshots --base-url http://127.0.0.1:8000

The guides (home.demo_content.GUIDES) show them; run this again when a screen changes.
"""

import base64
import hmac
import os
import re
import struct
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from units.demo import DEMO_PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 375, "height": 760}
DESKTOP = {"width": 1280, "height": 800}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# (file, account, viewport, path): what each guide shows.
SHOTS = [
    ("learner-home.jpg", "hocvien", PHONE, "/"),
    ("learner-course.jpg", "hocvien", PHONE, "/khoa-hoc/an-toan-thong-tin-co-ban/"),
    ("learner-my-courses.jpg", "hocvien", PHONE, "/hoc-tap/"),
    ("editor-start.jpg", "bientap", DESKTOP, "/admin/"),
    ("editor-pages.jpg", "bientap", DESKTOP, "/admin/pages/"),
    ("editor-questions.jpg", "bientap", DESKTOP, "/admin/snippets/quizzes/question/"),
    ("moderator-start.jpg", "kiemduyet", DESKTOP, "/admin/"),
    ("manager-start.jpg", "quanly", DESKTOP, "/admin/"),
    ("manager-report.jpg", "quanly", DESKTOP, "/admin/bao-cao/"),
    ("administrator-start.jpg", "quantri", DESKTOP, "/admin/"),
    ("administrator-cadre-import.jpg", "quantri", DESKTOP, "/admin/nhap-can-bo/"),
]


class Command(BaseCommand):
    help = "Take the user guides' screenshots from a running demo site (Debian's Chromium, never a download)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

    def handle(self, *args, base_url, chromium, **options):
        from playwright.sync_api import sync_playwright

        base_url = base_url.rstrip("/")
        SCREENSHOTS.mkdir(exist_ok=True)
        self.forget_second_factors()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            pages = {}
            for name, account, viewport, path in SHOTS:
                key = (account, viewport["width"])
                if key not in pages:
                    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
                    pages[key] = context.new_page()
                    self.log_in(pages[key], base_url, account)
                page = pages[key]
                page.goto(base_url + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(SCREENSHOTS / name), type="jpeg", quality=70)
                self.stdout.write(f"  {name}")
            browser.close()

    def log_in(self, page, base_url, username):
        page.goto(base_url + "/tai-khoan/dang-nhap/")
        page.get_by_label("Mã cán bộ hoặc email").fill(username)
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập", exact=True).click()
        for _step in range(4):  # the first login's steps, in whichever order they come
            if "du-lieu-ca-nhan" in page.url:
                with page.expect_navigation():
                    page.get_by_role("button", name="Tôi đã đọc và đồng ý").click()
            elif page.get_by_role("heading", name="Bật xác thực hai bước").count():  # staff enrol a second factor
                if username == "bientap":
                    page.screenshot(path=str(SCREENSHOTS / "staff-two-factor.jpg"), type="jpeg", quality=70)
                secret = re.search(r"\b[A-Z2-7]{32}\b", page.content()).group(0)
                page.get_by_label("Mã 6 chữ số hiện trong ứng dụng").fill(totp(secret))
                with page.expect_navigation():
                    page.get_by_role("button", name="Bật xác thực hai bước").click()
            elif "recovery-codes" in page.url:  # the recovery codes shown once: on to the site
                page.goto(base_url + "/")

    def forget_second_factors(self):
        """The demo staff enrol their second factor again (the guide shows that step), with a code made here."""
        from allauth.mfa.models import Authenticator

        Authenticator.objects.filter(user__username__in=[account for _name, account, *_rest in SHOTS]).delete()


def totp(secret, step=30, digits=6):
    """The current RFC 6238 code of a base32 secret, as an authenticator app shows it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // step), "sha1").digest()
    offset = digest[-1] & 15
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits:0{digits}d}"
