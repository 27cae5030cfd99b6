"""The editorial review workflow: editors submit a page, a moderator approves (which publishes it) or asks for changes.

Built on Wagtail's workflows. `ensure_review_workflow` runs after every migrate (home.apps) and
sets the workflow up once; from then on it belongs to the administrators, who change it in the
admin (Settings › Workflows), and a rerun never undoes what they did.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from elearn.sync import CREATED, UNCHANGED
from units.roles import ADMINISTRATOR, MODERATOR

WORKFLOW_NAME = "Duyệt trước khi xuất bản"
TASK_NAME = "Kiểm duyệt nội dung"
REVIEWER_ROLES = (MODERATOR, ADMINISTRATOR)


def _home_page():
    from .models import HomePage

    return HomePage.objects.order_by("depth", "pk").first()


def _review_task():
    """The approval task of this name, or a new one for the reviewer roles."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        # The roles are synced after home's post_migrate on a fresh database: make sure the groups exist.
        task.groups.set([Group.objects.get_or_create(name=name)[0] for name in REVIEWER_ROLES])
    return task


def ensure_review_workflow():
    """Make the review workflow cover the home page and every page below it; return ``(workflow, status)``.

    Nothing is written when the home page already has a workflow (whichever it is) or when a
    workflow of this name exists (an administrator may have unassigned or disabled it on
    purpose). Without a home page (an empty database) it returns ``(None, UNCHANGED)``.
    """
    home_page = _home_page()
    if home_page is None:
        return None, UNCHANGED
    assigned = WorkflowPage.objects.filter(page=home_page).select_related("workflow").first()
    if assigned is not None:
        return assigned.workflow, UNCHANGED
    existing = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if existing is not None:
        return existing, UNCHANGED
    with transaction.atomic():
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=_review_task(), sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=home_page)
    return workflow, CREATED


def sync_review_workflow(**kwargs):
    """post_migrate receiver for ensure_review_workflow."""
    ensure_review_workflow()
