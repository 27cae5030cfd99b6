from django.db import migrations
from django.utils import timezone


def open_memberships(apps, schema_editor):
    """Every cadre without a membership history starts one in their current unit today."""
    Cadre = apps.get_model("units", "Cadre")
    Membership = apps.get_model("units", "Membership")
    today = timezone.localdate()
    missing = Cadre.objects.exclude(memberships__isnull=False).values_list("pk", "unit_id")
    Membership.objects.bulk_create(
        [Membership(cadre_id=pk, unit_id=unit_id, started_on=today) for pk, unit_id in missing], batch_size=5000
    )


class Migration(migrations.Migration):
    dependencies = [("units", "0002_cadre_left_on_cadreimport_reorganisation_membership_and_more")]

    operations = [migrations.RunPython(open_memberships, migrations.RunPython.noop)]
