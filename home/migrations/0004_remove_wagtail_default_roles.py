from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def remove_wagtail_defaults(apps, schema_editor):
    """Drop Wagtail's English starter groups and workflow: the product's roles replace them.

    Only while unused: a group with members, or a workflow that ever ran, is left alone.
    """
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        if not WorkflowState.objects.filter(workflow=workflow).exists():
            tasks = [link.task for link in workflow.workflow_tasks.all()]
            workflow.delete()
            for task in tasks:
                if not task.workflow_tasks.exists():
                    task.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_alter_articlepage_body"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_wagtail_defaults, migrations.RunPython.noop)]
