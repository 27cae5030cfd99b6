"""The exam-day load test (README, "Exam day"), run headless by deploy/load.sh against deploy/stack.sh.

Three kinds of users (and capacity probes), no think time inside an exam (officials click as fast as the pages answer):
- Official: logs in, opens the contest page, starts an attempt, answers all 25 questions one click at a time
  with the autosave the page sends on every change, moves page by page, submits and reads the result. Each
  account sits the exam once (the contest allows one attempt); every acknowledged submit is written to the
  client log, which the verifier compares with the database.
- Manager: logs in with the second factor, opens the unit roll-up and drills down into the units it lists.
- Visitor: anonymous, on the home page, the course catalogue and the contest rules.
- Probe (only with LOAD_PROBE_WEIGHT): a logged-in course page, the bare /healthz/ view, or logins alone.

Reads LOAD_TARGETS (the stack's targets.json), LOAD_ACCOUNTS (officials.csv) and LOAD_CLIENT_LOG.
"""

import base64
import csv
import hashlib
import hmac
import json
import os
import random
import re
import struct
import time
from collections import deque
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

TARGETS = json.load(open(os.environ["LOAD_TARGETS"], encoding="utf-8"))
with open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8") as handle:
    ACCOUNTS = deque(row["username"] for row in csv.DictReader(handle))
PASSWORD = os.environ.get("LOAD_PASSWORD", "HocTap@2026!")
CLIENT_LOG = open(os.environ["LOAD_CLIENT_LOG"], "a", encoding="utf-8")

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTEMPT_URL = re.compile(r"/bai-kiem-tra/luot/(\d+)/")
QUESTION = re.compile(r'<fieldset class="question" id="cau-(\d+)"(.*?)</fieldset>', re.S)
OPTION = re.compile(r'type="(radio|checkbox)" name="cau-\d+" value="(\d+)"')
PAGES = re.compile(r'class="meta">Trang (\d+)/(\d+)')
SECOND_FACTOR = "/xac-thuc-2-buoc/"
DRILL_DOWN = re.compile(r'href="(/admin/bao-cao/\?[^"]*unit=\d+[^"]*)"')


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
RETRY_PAUSES = (1, 2, 4, 8)  # seconds a person waits before trying a failed page again


def _form_token(response):
    found = CSRF.search(response.text or "")
    return found.group(1) if found else ""


def _failed(response):
    return response.status_code == 0 or response.status_code >= 500


class LoggedIn(FastHttpUser):
    """A browser with a person behind it: when a page fails, the person waits a moment and tries again."""

    abstract = True
    insecure = True  # the stack's certificate is self-signed

    def get(self, url, name):
        for pause in RETRY_PAUSES:
            response = self.client.get(url, name=name)
            if not _failed(response):
                return response
            time.sleep(pause)
        return None

    def send_form(self, url, data, name, referer, then):
        """POST a form as a browser does, then GET where it redirects (named `then`); (page, path) or (None, "").

        A failed POST (the server restarting, a time-out) is sent again, as a person does after the
        "please retry" page: the server must make that safe.
        """
        for pause in RETRY_PAUSES:
            with self.client.post(
                url,
                data=urlencode(data),
                headers={**FORM, "Referer": self.host + referer},
                name=name,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if _failed(response):
                    response.failure(f"{response.status_code}")
                    time.sleep(pause)
                    continue
                location = response.headers.get("Location") or ""
                if response.status_code != 302 or not location:
                    response.failure(f"expected a redirect, got {response.status_code}")
                    return None, ""
                response.success()
            path = "/" + location.split("://", 1)[-1].split("/", 1)[-1] if "://" in location else location
            return self.get(path, then), path
        return None, ""

    def log_in(self, username, totp_secret=None):
        """The login page, the password, and for staff the second factor (the code their phone would show)."""
        page = self.get("/tai-khoan/dang-nhap/", "login page")
        token = _form_token(page) if page is not None else ""
        if not token:
            raise StopUser()
        page, path = self.send_form(
            "/tai-khoan/dang-nhap/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            "login",
            "/tai-khoan/dang-nhap/",
            "second factor page" if totp_secret else "page after login",
        )
        if page is not None and totp_secret and SECOND_FACTOR in path:
            page, path = self.send_form(
                path,
                {"code": totp_code(totp_secret), "csrfmiddlewaretoken": _form_token(page)},
                "second factor",
                path,
                "page after login",
            )
        if page is None or path.startswith("/tai-khoan/dang-nhap/") or SECOND_FACTOR in path:
            raise StopUser()


class Official(LoggedIn):
    weight = int(os.environ.get("LOAD_OFFICIAL_WEIGHT", "20"))

    @task
    def sit_the_exam(self):
        if not ACCOUNTS:
            raise StopUser()  # every account has sat the exam
        self.client.cookiejar.clear()
        self.log_in(ACCOUNTS.popleft())
        contest = self.get(TARGETS["contest_url"], "contest page")
        if contest is None:
            return
        page, path = self.send_form(
            f"/bai-kiem-tra/{TARGETS['quiz_id']}/bat-dau/",
            {"csrfmiddlewaretoken": _form_token(contest)},
            "start",
            TARGETS["contest_url"],
            "attempt page",
        )
        found = ATTEMPT_URL.search(path)
        if page is None or not found:
            return
        attempt_id = int(found.group(1))
        attempt_url = f"/bai-kiem-tra/luot/{attempt_id}/"
        number, answers = 1, {}  # answers: {position: [choices]} as the client sent them
        while True:
            token = _form_token(page)
            questions = QUESTION.findall(page.text or "")
            if not questions:
                return
            on_page = [position for position, _body in questions]
            chosen = {}
            for position, body in questions:
                options = OPTION.findall(body)
                kind = options[0][0] if options else "radio"
                values = [value for _kind, value in options]
                chosen[position] = random.sample(values, k=2 if kind == "checkbox" and len(values) > 2 else 1)
                # One click, one autosave of the whole form, as quiz.js sends it (a failed one is not
                # retried: the page's own post below carries the answers again).
                self.client.post(
                    f"{attempt_url}luu/",
                    data=urlencode(self._form(token, number, on_page, chosen)),
                    headers={**FORM, "X-Requested-With": "XMLHttpRequest", "Referer": self.host + attempt_url},
                    name="autosave",
                )
            form = self._form(token, number, on_page, chosen)
            pages = PAGES.search(page.text)
            if pages is None or pages.group(1) == pages.group(2):  # the last page: submit
                answers.update({p: [int(v) for v in picks] for p, picks in chosen.items()})
                form.append(("du-doan", str(random.randint(0, 5000))))
                result, path = self.send_form(f"{attempt_url}nop-bai/", form, "submit", attempt_url, "result")
                if result is not None and "/ket-qua/" in path and result.status_code == 200:
                    CLIENT_LOG.write(json.dumps({"attempt": attempt_id, "answers": answers}) + "\n")
                    CLIENT_LOG.flush()
                return
            number += 1
            form.append(("goto", str((number - 1) * len(on_page) + 1)))
            page, _path = self.send_form(f"{attempt_url}luu/", form, "next page", attempt_url, "attempt page")
            if page is None:
                return
            answers.update({p: [int(v) for v in picks] for p, picks in chosen.items()})

    @staticmethod
    def _form(token, number, on_page, chosen):
        form = [("csrfmiddlewaretoken", token), ("trang", str(number))]
        form += [("tren-trang", position) for position in on_page]
        return form + [(f"cau-{position}", value) for position in chosen for value in chosen[position]]


def totp_code(secret, now=None):
    """The current RFC 6238 code of `secret` (30 s, 6 digits, SHA-1), as the manager's phone shows it."""
    counter = int((now or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


MANAGERS = deque(TARGETS["managers"].items())


class Manager(LoggedIn):
    """A manager of the province: password, then the second factor, then roll-ups and drill-downs."""

    weight = int(os.environ.get("LOAD_MANAGER_WEIGHT", "1"))
    wait_time = between(1, 3)

    def on_start(self):
        if not MANAGERS:
            raise StopUser()
        self.log_in(*MANAGERS.popleft())

    @task
    def rollup_and_drill_down(self):
        rollup = self.get("/admin/bao-cao/", "manager roll-up")
        links = DRILL_DOWN.findall(rollup.text or "") if rollup is not None else []
        for link in random.sample(links, k=min(2, len(links))):
            self.client.get(link.replace("&amp;", "&"), name="manager drill-down")


class Visitor(FastHttpUser):
    weight = int(os.environ.get("LOAD_VISITOR_WEIGHT", "2"))
    wait_time = between(0.5, 2)
    insecure = True

    @task(3)
    def home(self):
        self.client.get("/", name="home (anonymous)")

    @task(2)
    def catalogue(self):
        self.client.get(TARGETS["catalogue_url"], name="catalogue (anonymous)")

    @task(1)
    def contest_rules(self):
        self.client.get(TARGETS["contest_url"], name="contest rules (anonymous)")


class Probe(LoggedIn):
    """Capacity probes, one kind per run (LOAD_PROBE): "course" (a logged-in course page), "bare" (the bare
    /healthz/ view, the baseline), or "login" (the start-bell rush: each official logs in once)."""

    weight = int(os.environ.get("LOAD_PROBE_WEIGHT", "0"))
    kind = os.environ.get("LOAD_PROBE", "course")

    def on_start(self):
        if self.kind == "course":
            self.log_in(ACCOUNTS.popleft())

    @task
    def probe(self):
        if self.kind == "course":
            self.client.get(TARGETS["course_url"], name="course page (logged in)")
        elif self.kind == "bare":
            self.client.get("/healthz/", name="bare Django view")
        else:
            if not ACCOUNTS:
                raise StopUser()
            self.client.cookiejar.clear()
            self.log_in(ACCOUNTS.popleft())


# What a person saw when a request failed: the site's Vietnamese "please retry" page, or anything else
# (a traceback, a blank page, a dropped connection).
ERROR_PAGES = {"vietnamese retry page": 0, "other (blank, raw or no answer)": 0, "samples of other": []}


@events.request.add_listener
def _classify_error(name="", response=None, exception=None, **kwargs):
    if response is None or not (_failed(response)):
        return
    text = (getattr(response, "content", b"") or b"").decode("utf-8", "replace").lower()
    if "thử lại" in text:
        ERROR_PAGES["vietnamese retry page"] += 1
        return
    ERROR_PAGES["other (blank, raw or no answer)"] += 1
    if len(ERROR_PAGES["samples of other"]) < 5:
        ERROR_PAGES["samples of other"].append(f"{name} {response.status_code} {exception!r} {text[:80]!r}")


@events.quitting.add_listener
def _close_log(environment, **kwargs):
    CLIENT_LOG.close()
    with open(os.environ["LOAD_CLIENT_LOG"].replace("client-log.jsonl", "error-pages.json"), "w") as handle:
        json.dump(ERROR_PAGES, handle)
