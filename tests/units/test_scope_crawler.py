"""The scope crawler on the demo data: no role reads a person outside its scope on any URL of the site or admin.

For each demo role (learner, editor, moderator, the manager of a small subtree, administrator) it GETs every
URL pattern, with ids of objects inside and outside the role's scope, the listings' search and export
variants and ?unit= on every admin page; it fails on any out-of-scope staff code or name in a response, on a
200 for an out-of-scope object, and on a server error. It prints its table of figures.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from certificates import issuing
from certificates.models import BulkDownload, BulkStatus, Certificate, CertificateTemplate
from courses import progress
from courses.models import Assignment, CoursePage, LessonPage
from h5p.models import H5PActivity, H5PAttempt, H5PState
from privacy.models import CorrectionRequest
from quizzes import attempts
from quizzes.models import Attempt, Quiz
from reports.models import ExportState, ReportExport
from tests.factories import CadreFactory, UserFactory
from tests.units import scope_crawler
from units import scope
from units.models import Cadre, CadreImport, ImportStatus, Unit
from units.people import managers_of
from units.roles import ADMINISTRATOR, EDITOR, MANAGER, MODERATOR, ORGANISER

pytestmark = pytest.mark.django_db

ROLES = {
    "learner": "hocvien",
    "editor": "bientap",
    "moderator": "kiemduyet",
    "manager": "quanly",
    "administrator": "quantri",
}
# Content staff sign pages, revisions and reviews: colleagues see their names as authors, by design.
CONTENT_STAFF = (EDITOR, MODERATOR, ORGANISER, ADMINISTRATOR)
INSIDE_UNIT = "31-SKHCN-CDS"  # below Sở Khoa học và Công nghệ, which quanly manages
OUTSIDE_UNIT = "31-STP"  # Sở Tư pháp: nobody but the administrator may see its people


def make_person(staff_code, full_name, unit, course, lesson, quiz, activity):
    """A cadre with data on every kind of screen: enrolment, completion, quiz attempt, H5P attempt and state."""
    user = CadreFactory(staff_code=staff_code, full_name=full_name, unit=unit).user
    progress.enrol(user, course)
    progress.mark_complete(user, lesson)
    attempt = attempts.start_attempt(user, quiz)
    attempts.finish(attempt.pk, user=user)
    now = timezone.now()
    H5PAttempt.objects.create(
        activity=activity,
        user=user,
        unit=unit,
        started_at=now,
        finished_at=now,
        raw_score=1,
        max_score=2,
        scaled="0.5",
        completion=True,
    )
    H5PState.objects.create(activity=activity, user=user, data="{}")
    return user


@pytest.fixture(scope="module")
def world(demo_output, django_db_blocker):
    """The demo, plus one person inside quanly's subtree and one outside it, each with data everywhere."""
    with django_db_blocker.unblock():
        course = CoursePage.objects.live().order_by("pk").first()
        lesson = LessonPage.objects.live().descendant_of(course).filter(completion_rule="manual").first()
        quiz = Quiz.objects.filter(is_contest=True, ranking_published=False).order_by("pk").first()
        activity = H5PActivity.objects.order_by("pk").first()
        inside_unit = Unit.objects.get(code=INSIDE_UNIT)
        outside_unit = Unit.objects.get(code=OUTSIDE_UNIT)
        insider = make_person("HPTRONG01", "Quách Thị Trong Phạm", inside_unit, course, lesson, quiz, activity)
        outsider = make_person("HPNGOAI01", "Khúc Văn Ngoài Phạm", outside_unit, course, lesson, quiz, activity)
        User = get_user_model()
        colleague = UserFactory(username="quanly-tuphap", groups=[MANAGER])
        outside_unit.managers.add(colleague)
        exports = {
            "own": ReportExport.objects.create(
                requested_by=User.objects.get(username="quanly"),
                kind="course",
                fmt="xlsx",
                state=ExportState.PENDING,
                params={"unit": inside_unit.pk},
            ),
            "other": ReportExport.objects.create(
                requested_by=colleague,
                kind="course",
                fmt="xlsx",
                state=ExportState.PENDING,
                params={"unit": outside_unit.pk},
            ),
        }
        imported = CadreImport.objects.create(
            file_name="can-bo-so-tu-phap.xlsx",
            uploaded_by=User.objects.get(username="quantri"),
            status=ImportStatus.FINISHED,
            total_rows=1,
            processed_rows=1,
            error_count=1,
            errors=[
                {
                    "line": 2,
                    "message": "Chức vụ quá dài.",
                    "values": {
                        "staff_code": outsider.cadre.staff_code,
                        "full_name": outsider.cadre.full_name,
                        "unit_code": OUTSIDE_UNIT,
                    },
                }
            ],
        )
        corrections = [
            CorrectionRequest.objects.create(
                user=person,
                unit=person.cadre.unit,
                current={"full_name": person.cadre.full_name, "unit_name": person.cadre.unit.name},
                position="Phó trưởng phòng",
                reply_due_on=timezone.localdate(),
            )
            for person in (insider, outsider)
        ]
        template = CertificateTemplate.objects.create(
            name="Mẫu thử phạm vi", issuer="Ban Tuyên giáo", signatory_position="Trưởng ban", signatory_name="Lê Ký"
        )
        certificates = [
            issuing.issue(
                person,
                template,
                issuing.Achievement(
                    kind="course",
                    source_key=f"course:{course.pk}:scope",
                    source_id=course.pk,
                    title=course.title,
                    result="hoàn thành",
                    achieved_on=timezone.localdate(),
                ),
                person.cadre.full_name,
                person.cadre.unit,
            )[0]
            for person in (insider, outsider)
        ]
        bulk_jobs = [
            BulkDownload.objects.create(requested_by=colleague, unit=outside_unit, status=BulkStatus.FINISHED),
        ]
        yield {
            "certificates": certificates,
            "bulk_jobs": bulk_jobs,
            "corrections": corrections,
            "course": course,
            "lesson": lesson,
            "quiz": quiz,
            "activity": activity,
            "insider": insider,
            "outsider": outsider,
            "inside_unit": inside_unit,
            "outside_unit": outside_unit,
            "exports": exports,
            "import": imported,
        }


def published_ranking_names():
    """Names the organisers published in a contest's public ranking: public by their decision."""
    users = Attempt.objects.filter(quiz__ranking_published=True).values("user_id")
    return set(Cadre.objects.filter(user_id__in=users).values_list("full_name", flat=True))


def guard_for(viewer):
    """The staff codes and names `viewer` must not read anywhere."""
    visible = scope.restrict(viewer, Cadre.objects.all()) | Cadre.objects.filter(user=viewer)
    staff = Cadre.objects.filter(user__groups__name__in=CONTENT_STAFF)
    hidden = Cadre.objects.exclude(pk__in=visible.values("pk")).exclude(pk__in=staff.values("pk"))
    shown_names = set(visible.values_list("full_name", flat=True)) | set(staff.values_list("full_name", flat=True))
    shown_names |= {name for name, _email, _unit in managers_of(viewer)}  # "who corrects my record"
    names = set(hidden.values_list("full_name", flat=True)) - shown_names - published_ranking_names()
    return scope_crawler.Guard(set(hidden.values_list("staff_code", flat=True)), names), hidden


def candidate_values(world):
    people = [world["insider"], world["outsider"]]
    cadres = [str(user.cadre.pk) for user in people]
    attempt_ids = [str(pk) for pk in Attempt.objects.filter(user__in=people).values_list("pk", flat=True)]
    page_ids = [str(world["lesson"].pk)]  # the page admin's views show authors, never learners: one page will do
    by_name = {
        "cadre_id": cadres,
        "attempt_id": attempt_ids,
        "course_id": [str(world["course"].pk)],
        "lesson_id": [str(world["lesson"].pk)],
        "quiz_id": [str(world["quiz"].pk)],
        "folder": [str(world["activity"].folder)],
        "code": [certificate.code for certificate in world["certificates"]],
    }
    own = {
        Cadre: cadres,
        Unit: [str(world["inside_unit"].pk), str(world["outside_unit"].pk)],
        get_user_model(): [str(user.pk) for user in people],
        H5PAttempt: [str(pk) for pk in H5PAttempt.objects.filter(user__in=people).values_list("pk", flat=True)],
        ReportExport: [str(export.pk) for export in world["exports"].values()],
        CadreImport: [str(world["import"].pk)],
        Attempt: attempt_ids,
        CorrectionRequest: [str(correction.pk) for correction in world["corrections"]],
        Certificate: [str(certificate.pk) for certificate in world["certificates"]],
        BulkDownload: [str(job.pk) for job in world["bulk_jobs"]],
    }

    def by_model(model):
        if model in own:
            return own[model]
        return [str(pk) for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)[:1]]

    pool = sorted(
        {
            *cadres,
            *attempt_ids,
            *(value for values in own.values() for value in values),
            str(world["quiz"].pk),
            str(world["activity"].pk),
            *(str(pk) for pk in Assignment.objects.values_list("pk", flat=True)[:1]),
        },
        key=int,
    )
    # One live page of each type: a page's template, not its instance, decides who it shows.
    live_paths = {}
    for page in Page.objects.live().specific().order_by("-depth", "pk"):
        if page.url:
            live_paths.setdefault(type(page), page.url)
    live_paths = sorted(live_paths.values())
    return scope_crawler.Values(by_name=by_name, by_model=by_model, pool=pool, pages=page_ids, page_paths=live_paths)


def out_of_scope_objects(viewer, world, hidden):
    """{model: pks} of the objects the viewer must not open (a 200 on them is a finding)."""
    User = get_user_model()
    return {
        Cadre: {str(pk) for pk in hidden.values_list("pk", flat=True)},
        User: {str(pk) for pk in hidden.values_list("user_id", flat=True)},
        Unit: {
            str(pk)
            for pk in Unit.objects.exclude(pk__in=scope.units_in_scope(viewer).values("pk")).values_list(
                "pk", flat=True
            )
        }
        if scope.units_in_scope(viewer).exists()
        else set(),
        Attempt: {str(pk) for pk in Attempt.objects.filter(user__cadre__in=hidden).values_list("pk", flat=True)},
        ReportExport: {str(export.pk) for export in world["exports"].values() if export.requested_by_id != viewer.pk},
        CadreImport: set() if scope.is_administrator(viewer) else {str(world["import"].pk)},
        CorrectionRequest: {
            str(pk) for pk in CorrectionRequest.objects.filter(user__cadre__in=hidden).values_list("pk", flat=True)
        },
        Certificate: {
            str(pk) for pk in Certificate.objects.filter(user__cadre__in=hidden).values_list("pk", flat=True)
        },
        BulkDownload: {str(job.pk) for job in world["bulk_jobs"] if job.requested_by_id != viewer.pk},
    }


def crawled_roles():
    """Every role on the embedded default; on PostgreSQL (CI's repeat) the manager, whose scope is a subtree.

    The other roles' answers come from the same ORM queries on either database, and the full crawl takes
    about four minutes there: CI must stay within its 30 minutes.
    """
    if connection.vendor == "sqlite":
        return ROLES
    return {"manager": ROLES["manager"]}


def test_no_role_reads_anyone_outside_its_scope(world, capsys, tmp_path):
    User = get_user_model()
    scope_crawler.KWARG_MODELS.update({"cadre_id": Cadre, "attempt_id": Attempt})
    values = candidate_values(world)
    unit_params = [
        {"unit": world[key].pk, "subject": f"course-{world['course'].pk}"} for key in ("inside_unit", "outside_unit")
    ]
    results = []
    for role, username in crawled_roles().items():
        viewer = User.objects.get(username=username)
        guard, hidden = guard_for(viewer)
        client = Client(raise_request_exception=False)
        results.append(
            scope_crawler.crawl(
                client,
                viewer,
                role,
                guard,
                values,
                out_of_scope_objects(viewer, world, hidden),
                unit_params,
                search_probe=world["outsider"].cadre.staff_code[:-1],
            )
        )
    with capsys.disabled():
        print("\n" + scope_crawler.table(results))
        totals = {}
        for result in results:
            for name, seconds in result.time_by_pattern.items():
                totals[name] = totals.get(name, 0) + seconds
        slowest = sorted(totals.items(), key=lambda item: -item[1])[:8]
        print("slowest patterns: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in slowest))
    findings = [
        f"{result.role}: {finding.status} {finding.url} {finding.problem}"
        for result in results
        for finding in result.findings
    ]
    (tmp_path / "findings.txt").write_text("\n".join(findings), encoding="utf-8")
    assert not findings, f"{len(findings)} findings (all in {tmp_path / 'findings.txt'}):\n" + "\n".join(findings[:60])
    # The crawl reached what each role may open, and was refused elsewhere.
    by_role = {result.role: result for result in results}
    assert by_role["manager"].allowed > 20 and by_role["manager"].refused > 100
    if len(by_role) == len(ROLES):
        assert by_role["administrator"].allowed > by_role["manager"].allowed > by_role["learner"].allowed


def test_the_demo_manager_lists_exactly_the_cadres_of_their_subtree(world, client):
    manager = get_user_model().objects.get(username="quanly")
    client.force_login(manager)
    client.post(scope_crawler.PRIVACY_NOTICE, {"next": "/"})  # the demo publishes a privacy notice
    response = client.get("/admin/cadres/")
    assert response.status_code == 200
    expected = set(Cadre.objects.filter(unit__in=scope.units_in_scope(manager)).values_list("staff_code", flat=True))
    assert len(expected) == 18 + 1  # the demo's 18, and the crawler's insider
    assert response.context["items_count"] == len(expected)
    shown = {cadre.staff_code for cadre in response.context["object_list"]}
    assert shown == expected
