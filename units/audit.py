"""Role and permission changes in the audit trail (elearn.audit): a person's groups (roles) and the units they
manage, whichever screen, import or command changed them. Connected in UnitsConfig.ready()."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _

from elearn.audit import record

from .models import Unit

ROLES_CHANGED = "units.roles_changed"
MANAGERS_CHANGED = "units.managers_changed"
CADRES_UPLOADED = "units.cadre_import_uploaded"
CADRES_IMPORTED = "units.cadre_import_finished"
UNITS_IMPORTED = "units.unit_import"
REORGANISED = "units.reorganised"

ACTIONS = {
    ROLES_CHANGED: (_("Đổi vai trò"), _("Vai trò: thêm {added}; bỏ {removed}")),
    MANAGERS_CHANGED: (_("Đổi đơn vị quản lý"), _("Quản lý đơn vị: thêm {added}; bỏ {removed}")),
    CADRES_UPLOADED: (_("Tải lên tệp cán bộ"), _("Tải lên tệp cán bộ “{file}” để nhập")),
    CADRES_IMPORTED: (
        _("Nhập cán bộ"),
        _("Nhập tệp “{file}”: {created} tạo mới, {updated} cập nhật, {deactivated} thôi công tác, {errors} dòng lỗi"),
    ),
    UNITS_IMPORTED: (_("Nhập đơn vị"), _("Nhập tệp đơn vị “{file}”: {created} tạo mới, {updated} cập nhật")),
    REORGANISED: (_("Sắp xếp đơn vị"), _("{kind} (hiệu lực {effective_on}): đơn vị {units}; {cadres} cán bộ chuyển")),
}


def _names(values):
    return ", ".join(sorted(str(value) for value in values)) or "—"


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    if reverse:  # group.user_set.add(...): one group, several people
        users, changed = get_user_model().objects.filter(pk__in=pk_set), instance.name
    else:
        users, changed = [instance], _names(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    added, removed = (changed, "—") if action == "post_add" else ("—", changed)
    for user in users:
        record(user, ROLES_CHANGED, data={"added": added, "removed": removed})


def _managers_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Filed under the person (whose entries only those who may see accounts read), not the unit."""
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    if reverse:  # user.managed_units.add(...)
        pairs = [(instance, unit) for unit in Unit.objects.filter(pk__in=pk_set)]
    else:
        pairs = [(user, instance) for user in get_user_model().objects.filter(pk__in=pk_set)]
    for user, unit in pairs:
        added, removed = (unit.code, "—") if action == "post_add" else ("—", unit.code)
        record(user, MANAGERS_CHANGED, data={"added": added, "removed": removed})


def connect():
    m2m_changed.connect(_groups_changed, sender=get_user_model().groups.through, dispatch_uid="units.audit.groups")
    m2m_changed.connect(_managers_changed, sender=Unit.managers.through, dispatch_uid="units.audit.managers")
