"""The unit tree as a tree, one unit's page with its actions, and adding a unit below another."""

from collections import Counter
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from elearn.text import normalize_code, normalize_text

from ..models import Cadre, Membership, Unit, UnitKind, UnitSuccession
from ..reorganisation import code_problem, successors_of
from ..unit_import import fold
from .common import UnitAdminMixin, cadre_counts, subtree_totals


@dataclass
class TreeItem:
    """One unit as the tree template draws it: open a nested list after it, or close some after it."""

    unit: Unit
    direct: int
    total: int
    has_children: bool = False
    open: bool = False
    closes: range = range(0)
    match: bool = False
    hidden: int = 0  # units below this one left out of a large tree (reached through its own tree page)


MAX_ITEMS = 1500


def _cut(units, limit):
    """Keep the shallowest levels of a large tree (at most `limit` units, at least one level)."""
    by_depth = Counter(unit.depth for unit in units)
    kept, depth = 0, 0
    for level in sorted(by_depth):
        if depth and kept + by_depth[level] > limit:
            break
        kept, depth = kept + by_depth[level], level
    step = Unit.steplen
    hidden = Counter(unit.path[: depth * step] for unit in units if unit.depth > depth)
    return [unit for unit in units if unit.depth <= depth], hidden


def tree_items(units, direct, query="", hide_inactive=False, limit=MAX_ITEMS):
    """The units to draw, in path order, with their nesting. A search keeps matches and their ancestors;
    a tree larger than `limit` shows its upper levels, each unit cut off linking to its own subtree."""
    totals = subtree_totals(units, direct)
    if hide_inactive:
        inactive = [unit.path for unit in units if not unit.is_active]
        units = [unit for unit in units if not any(unit.path.startswith(path) for path in inactive)]
    matches = set()
    if query:
        words, code = fold(query), normalize_code(query)
        matched = [unit for unit in units if words in fold(unit.name) or code in unit.code]
        matches = {unit.path for unit in matched}
        step = Unit.steplen
        keep = {unit.path[: depth * step] for unit in matched for depth in range(1, unit.depth + 1)}
        units = [unit for unit in units if unit.path in keep]
    hidden = {}
    if not query and len(units) > limit:
        units, hidden = _cut(units, limit)
    items = [
        TreeItem(
            unit,
            direct.get(unit.pk, 0),
            totals.get(unit.path, 0),
            match=unit.path in matches,
            hidden=hidden.get(unit.path, 0),
        )
        for unit in units
    ]
    base = min((item.unit.depth for item in items), default=1)
    for index, item in enumerate(items):
        next_depth = items[index + 1].unit.depth if index + 1 < len(items) else base
        item.has_children = next_depth > item.unit.depth
        item.open = item.unit.depth == base or (bool(query) and item.has_children)
        if not item.has_children:
            item.closes = range(item.unit.depth - next_depth)
    return items


class UnitTreeView(UnitAdminMixin, TemplateView):
    """Every unit, nested and expandable, with cadre counts; search by name or code (accents optional)."""

    template_name = "units/admin/unit_tree.html"
    page_title = gettext_lazy("Cây đơn vị")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = normalize_text(self.request.GET.get("q", ""))[:100]
        hide_inactive = self.request.GET.get("an") == "1"
        units = Unit.objects.order_by("path").only("path", "depth", "code", "name", "kind", "is_active")
        root_pk = self.request.GET.get("goc", "")
        root = Unit.objects.filter(pk=root_pk).first() if root_pk.isdigit() else None
        if root is not None:
            units = units.filter(path__startswith=root.path)
        units = list(units)
        items = tree_items(units, cadre_counts(), query, hide_inactive)
        context.update(
            items=items,
            root=root,
            query=query,
            links=[
                (reverse("units:add"), _("Thêm đơn vị cấp cao nhất")),
                (reverse("unit_admin:import"), _("Nhập danh sách đơn vị")),
                (reverse("unit_admin:provinces"), _("Nhập đơn vị hành chính")),
                (reverse("unit_admin:history"), _("Lịch sử sắp xếp")),
                (reverse("units:index"), _("Xem dạng bảng")),
            ],
            root_ancestors=list(root.get_ancestors()) if root else [],
            hide_inactive=hide_inactive,
            unit_count=len(units),
            match_count=sum(item.match for item in items),
        )
        return context


class UnitPageMixin(UnitAdminMixin):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.unit = get_object_or_404(Unit, pk=kwargs["pk"])


class UnitDetailView(UnitPageMixin, TemplateView):
    """One unit: where it sits, who is in it, its history, and what can be done to it."""

    template_name = "units/admin/unit_detail.html"

    def get_page_title(self):
        return self.unit.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("unit_admin:tree"), "label": _("Cây đơn vị")},
            {"url": "", "label": self.unit.name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.unit
        members = Cadre.objects.filter(unit=unit, left_on__isnull=True)
        context.update(
            unit=unit,
            ancestors=list(unit.get_ancestors()),
            children=list(unit.get_children()),
            member_count=members.count(),
            members=list(members.order_by("full_name")[:20]),
            subtree_count=Cadre.objects.filter(unit__path__startswith=unit.path, left_on__isnull=True).count(),
            history_count=Membership.objects.filter(unit=unit).values("cadre_id").distinct().count(),
            predecessors=UnitSuccession.objects.filter(new_unit=unit)
            .exclude(old_unit=unit)
            .select_related("reorganisation", "old_unit"),
            old_names=UnitSuccession.objects.filter(old_unit=unit, new_unit=unit).select_related("reorganisation"),
            successors=[] if unit.is_active else successors_of(unit.code),
            edit_url=reverse("units:edit", args=[unit.pk]),
        )
        return context


class ChildForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã đơn vị"), max_length=40)
    name = forms.CharField(label=gettext_lazy("Tên đơn vị"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("Loại đơn vị"), choices=UnitKind.choices, initial=UnitKind.DIVISION)

    def clean_code(self):
        problem = code_problem(self.cleaned_data["code"])
        if problem:
            raise forms.ValidationError(problem)
        return normalize_code(self.cleaned_data["code"])


class AddChildView(UnitPageMixin, FormView):
    """Add a unit directly below this one."""

    template_name = "units/admin/unit_form.html"
    form_class = ChildForm
    page_title = gettext_lazy("Thêm đơn vị trực thuộc")

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, submit_label=_("Thêm đơn vị"), **kwargs)

    def form_valid(self, form):
        if not self.unit.is_active:
            form.add_error(None, _('Đơn vị "%(name)s" đã ngừng hoạt động.') % {"name": self.unit.name})
            return self.form_invalid(form)
        child = Unit.objects.get(pk=self.unit.pk).add_child(instance=Unit(**form.cleaned_data))
        messages.success(
            self.request,
            _('Đã thêm đơn vị "%(name)s" trực thuộc "%(parent)s".') % {"name": child.name, "parent": self.unit.name},
        )
        return redirect("unit_admin:unit", child.pk)
