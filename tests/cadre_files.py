"""Cadre files for the import tests: rows in, a file on disk out, and a snapshot of what the import touches."""

from django.contrib.auth import get_user_model

from units.cadre_import import import_file
from units.cadre_import.generate import write_csv, write_xlsx
from units.models import Cadre, Membership


def cadre_file(folder, rows, fmt="xlsx", name=None, **options):
    """Write the template header and `rows` (lists in template column order) to a file in `folder`."""
    path = folder / (name or f"can-bo.{fmt}")
    return write_xlsx(path, rows) if fmt == "xlsx" else write_csv(path, rows, **options)


def run_import(path, **kwargs):
    return import_file(lambda: open(path, "rb"), path.name, **kwargs)


def row(
    code,
    name="Nguyễn Văn An",
    unit="11311",
    position="Chuyên viên",
    category="Công chức",
    email="",
    status="Đang công tác",
):
    return [code, name, unit, position, category, email, status]


def snapshot():
    """Everything an import writes, as plain values, to compare two moments."""
    User = get_user_model()
    return {
        "users": sorted(User.objects.values_list("username", "email", "is_active", "is_staff", "password")),
        "groups": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "cadres": sorted(
            Cadre.objects.values_list(
                "staff_code", "full_name", "unit_id", "position", "category", "left_on", "user_id"
            )
        ),
        "memberships": sorted(Membership.objects.values_list("pk", "cadre_id", "unit_id", "started_on", "ended_on")),
    }
