"""The exam-day load test (README, "Exam day"), run headless by deploy/load.sh against deploy/stack.sh.

Three kinds of users, no think time inside an exam (officials click as fast as the pages answer):
- Official: logs in, opens the contest page, starts an attempt, answers all 25 questions one click at a time
  with the autosave the page sends on every change, moves page by page, submits and reads the result. Each
  account sits the exam once (the contest allows one attempt); every acknowledged submit is written to the
  client log, which the verifier compares with the database.
- Manager: logs in, opens the unit roll-up and drills down into the units it lists.
- Visitor: anonymous, on the home page, the course catalogue and the contest rules.
- Probe (only with LOAD_PROBES=1): a logged-in course page beside the bare /healthz/ view, for their ratio.

Reads LOAD_TARGETS (the stack's targets.json), LOAD_ACCOUNTS (officials.csv) and LOAD_CLIENT_LOG.
"""

import csv
import json
import os
import random
import re
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
DRILL_DOWN = re.compile(r'href="(/admin/bao-cao/\?[^"]*unit=\d+[^"]*)"')


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _form_token(response):
    found = CSRF.search(response.text or "")
    return found.group(1) if found else ""


class LoggedIn(FastHttpUser):
    abstract = True
    insecure = True  # the stack's certificate is self-signed

    def log_in(self, username):
        with self.client.get("/tai-khoan/dang-nhap/", name="login page", catch_response=True) as page:
            token = _form_token(page)
            if not token:
                page.failure("no login form")
                raise StopUser()
        with self.post_form(
            "/tai-khoan/dang-nhap/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            "login",
            "/tai-khoan/dang-nhap/",
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")
                raise StopUser()

    def post_form(self, url, data, name, referer):
        """POST a form as a browser does; the redirect is followed by the caller (a GET, as browsers do)."""
        return self.client.post(
            url,
            data=urlencode(data),
            headers={**FORM, "Referer": self.host + referer},
            name=name,
            allow_redirects=False,
            catch_response=True,
        )

    def follow(self, response, name):
        location = response.headers.get("Location") or ""
        if response.status_code != 302 or not location:
            response.failure(f"expected a redirect, got {response.status_code}")
            return None, ""
        response.success()
        path = location.split("://", 1)[-1].split("/", 1)[-1] if "://" in location else location.lstrip("/")
        return self.client.get("/" + path, name=name), "/" + path


class Official(LoggedIn):
    weight = int(os.environ.get("LOAD_OFFICIAL_WEIGHT", "20"))

    @task
    def sit_the_exam(self):
        if not ACCOUNTS:
            raise StopUser()  # every account has sat the exam
        self.client.cookiejar.clear()
        self.log_in(ACCOUNTS.popleft())
        contest = self.client.get(TARGETS["contest_url"], name="contest page")
        start_url = f"/bai-kiem-tra/{TARGETS['quiz_id']}/bat-dau/"
        with self.post_form(
            start_url, {"csrfmiddlewaretoken": _form_token(contest)}, "start", TARGETS["contest_url"]
        ) as posted:
            started, path = self.follow(posted, "attempt page")
        found = ATTEMPT_URL.search(path)
        if started is None or not found:
            return
        attempt_id = int(found.group(1))
        attempt_url = f"/bai-kiem-tra/luot/{attempt_id}/"
        page, number, answers = started, 1, {}  # answers: {position: [choices]} as the client sent them
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
                picks = random.sample(values, k=2 if kind == "checkbox" and len(values) > 2 else 1)
                chosen[position] = picks
                # One click, one autosave of the whole form, as quiz.js sends it.
                form = [("csrfmiddlewaretoken", token), ("trang", str(number))]
                form += [("tren-trang", p) for p in on_page]
                form += [(f"cau-{p}", value) for p in chosen for value in chosen[p]]
                self.client.post(
                    f"{attempt_url}luu/",
                    data=urlencode(form),
                    headers={**FORM, "X-Requested-With": "XMLHttpRequest", "Referer": self.host + attempt_url},
                    name="autosave",
                )
            answers.update({p: [int(v) for v in picks] for p, picks in chosen.items()})
            form = [("csrfmiddlewaretoken", token), ("trang", str(number))]
            form += [("tren-trang", p) for p in on_page] + [(f"cau-{p}", v) for p in chosen for v in chosen[p]]
            pages = PAGES.search(page.text)
            if pages is None or pages.group(1) == pages.group(2):  # the last page: submit
                with self.post_form(
                    f"{attempt_url}nop-bai/",
                    form + [("du-doan", str(random.randint(0, 5000)))],
                    "submit",
                    attempt_url,
                ) as posted:
                    result, path = self.follow(posted, "result")
                if result is not None and "/ket-qua/" in path and result.status_code == 200:
                    CLIENT_LOG.write(json.dumps({"attempt": attempt_id, "answers": answers}) + "\n")
                    CLIENT_LOG.flush()
                return
            number += 1
            with self.post_form(
                f"{attempt_url}luu/", form + [("goto", str((number - 1) * len(on_page) + 1))], "next page", attempt_url
            ) as posted:
                page, _path = self.follow(posted, "attempt page")
            if page is None:
                return


class Manager(LoggedIn):
    weight = int(os.environ.get("LOAD_MANAGER_WEIGHT", "1"))
    wait_time = between(1, 3)

    def on_start(self):
        self.log_in(TARGETS["manager"])

    @task
    def rollup_and_drill_down(self):
        rollup = self.client.get("/admin/bao-cao/", name="manager roll-up")
        links = DRILL_DOWN.findall(rollup.text or "")
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
    """The logged-in course page beside the bare view, at the same rate (LOAD_PROBES=1)."""

    weight = int(os.environ.get("LOAD_PROBE_WEIGHT", "0"))

    def on_start(self):
        self.log_in(TARGETS["manager"])

    @task
    def course_and_bare(self):
        self.client.get(TARGETS["course_url"], name="course page (logged in)")
        self.client.get("/healthz/", name="bare Django view")


@events.quitting.add_listener
def _close_log(environment, **kwargs):
    CLIENT_LOG.close()
