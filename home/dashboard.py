"""The admin start page of each role (Wagtail dashboard panels), and the way to each role's user guide.

editor: my drafts, my pages waiting for review, recently published, courses citing a replaced law;
moderator: what waits for my review, and for how long; manager: the subtree's required courses;
administrator: background jobs, the worker, beat, the queue, the disk. A person with several roles sees each.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from courses.models import courses_citing_replaced_laws
from reports.dashboard import subtree_summaries
from units.roles import ADMINISTRATOR, EDITOR, MANAGER, MODERATOR, ORGANISER
from units.scope import units_in_scope

from . import system_status
from .models import HelpAudience, guide_for

LIST_LENGTH = 10


def roles_of(user):
    names = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        names.add(ADMINISTRATOR)
    return names


class RolePanel(Component):
    audience = None  # HelpAudience of the panel's guide link

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        guide = guide_for(self.audience) if self.audience else None
        return {"request": self.request, "guide": guide, **self.numbers()}

    def numbers(self):
        return {}


class EditorPanel(RolePanel):
    name = "editor_start"
    order = 50
    template_name = "home/admin/panels/editor.html"
    audience = HelpAudience.EDITOR

    def numbers(self):
        user = self.request.user
        in_review_ids = (
            WorkflowState.objects.active()
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .values_list("object_id", flat=True)  # a text column: the ids of every kind of object
        )
        drafts = (
            Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
            .exclude(pk__in=[int(pk) for pk in in_review_ids])
            .order_by("-latest_revision_created_at")[:LIST_LENGTH]
        )
        in_review = (
            WorkflowState.objects.active()
            .filter(requested_by=user)
            .select_related("current_task_state__task")
            .order_by("-created_at")[:LIST_LENGTH]
        )
        published = Page.objects.live().filter(depth__gt=2).order_by("-last_published_at")[:LIST_LENGTH]
        finder = AdminURLFinder(user)
        return {
            "drafts": [(page.specific_deferred, finder.get_edit_url(page)) for page in drafts],
            "in_review": [(state, finder.get_edit_url(state.content_object)) for state in in_review],
            "published": [(page, finder.get_edit_url(page)) for page in published],
            "replaced_laws": [
                (course, laws, finder.get_edit_url(course)) for course, laws in courses_citing_replaced_laws()
            ],
        }


class ModeratorPanel(RolePanel):
    name = "moderator_start"
    order = 40
    template_name = "home/admin/panels/moderator.html"
    audience = HelpAudience.MODERATOR

    def numbers(self):
        user, now = self.request.user, timezone.now()
        states = (
            TaskState.objects.reviewable_by(user)
            .select_related("workflow_state__requested_by", "task")
            .order_by("started_at")[: LIST_LENGTH * 3]
        )
        finder = AdminURLFinder(user)
        waiting = []
        for state in states:
            target = state.workflow_state.content_object
            waiting.append(
                {
                    "title": getattr(target, "get_admin_display_title", lambda t=target: str(t))(),
                    "url": finder.get_edit_url(target),
                    "task": state.task.name,
                    "requested_by": state.workflow_state.requested_by,
                    "since": state.started_at,
                    "days": (now - state.started_at).days,
                }
            )
        return {"waiting": waiting}


class ManagerPanel(RolePanel):
    name = "manager_start"
    order = 30
    template_name = "home/admin/panels/manager.html"
    audience = HelpAudience.MANAGER

    def numbers(self):
        return {"summaries": subtree_summaries(self.request.user)}


class AdministratorPanel(RolePanel):
    name = "administrator_start"
    order = 20
    template_name = "home/admin/panels/administrator.html"
    audience = HelpAudience.ADMINISTRATOR

    def numbers(self):
        return {
            "jobs": system_status.jobs(),
            "worker": system_status.worker(),
            "beat": system_status.beat(),
            "queue_length": system_status.queue_length(),
            "last_run": system_status.last_periodic_run(),
            "failed_runs": system_status.failed_periodic_runs(),
            "disk": system_status.disk(),
        }


def panels_for(request):
    roles = roles_of(request.user)
    panels = []
    if roles & {ADMINISTRATOR}:
        panels.append(AdministratorPanel(request))
    if MANAGER in roles and units_in_scope(request.user).exists():
        panels.append(ManagerPanel(request))
    if roles & {MODERATOR, ADMINISTRATOR}:
        panels.append(ModeratorPanel(request))
    if roles & {EDITOR, ORGANISER, MODERATOR}:
        panels.append(EditorPanel(request))
    return panels


def guide_audience(request):
    """The guide the help menu opens for this person: the one of their main role."""
    roles = roles_of(request.user)
    for role, audience in (
        (ADMINISTRATOR, HelpAudience.ADMINISTRATOR),
        (MANAGER, HelpAudience.MANAGER),
        (MODERATOR, HelpAudience.MODERATOR),
        (EDITOR, HelpAudience.EDITOR),
        (ORGANISER, HelpAudience.EDITOR),
    ):
        if role in roles:
            return audience
    return HelpAudience.LEARNER
