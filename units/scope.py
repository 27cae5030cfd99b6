"""Who may see which units and whose data: the one place every screen, export, chooser and API asks.

- A manager sees exactly the subtrees of the units they manage; an administrator sees everything.
- Each model that holds a person's data registers how it reaches that person's unit (`register`), in its
  app's `AppConfig.ready`. `restrict(viewer, queryset)` then filters any queryset of such a model to the
  viewer's scope, and refuses a model that never said how (so a new model cannot be shown unscoped).
- Admin viewsets get it by construction through `ScopedViewSetMixin`: every view the viewset builds
  (listing, search, export, inspect, edit, delete, history, usage, chooser) sees only rows in scope and
  answers a 403 page (`OutOfScope`) for an object outside it. The system check `units.E001` fails for
  any registered admin viewset of a personal-data model that lacks the mixin.
"""

from dataclasses import dataclass

from django.core import checks
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Unit
from .roles import ADMINISTRATOR

# Who may see quiz, contest and H5P results of every unit (the organisers); everyone else sees their scope.
ALL_RESULTS_PERMISSION = "units.view_all_results"


class OutOfScope(Exception):
    """The viewer asked for a unit or a person outside their scope: answered with a Vietnamese 403 page."""

    default_message = _("Dữ liệu này thuộc đơn vị nằm ngoài phạm vi bạn được xem.")

    def __init__(self, message=None, target=None):
        self.message = message or self.default_message
        self.target = target
        super().__init__(str(self.message))


def is_administrator(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists())


def units_in_scope(user):
    """Every unit the user may see the people of (none for a learner)."""
    if not user.is_authenticated:
        return Unit.objects.none()
    if is_administrator(user):
        return Unit.objects.all()
    paths = list(user.managed_units.values_list("path", flat=True))
    if not paths:
        return Unit.objects.none()
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return Unit.objects.filter(query)


def can_view_unit(user, unit):
    return units_in_scope(user).filter(pk=unit.pk).exists()


def check_unit(user, unit):
    """Raise OutOfScope unless the user may see `unit`."""
    if not can_view_unit(user, unit):
        raise OutOfScope(_("Đơn vị này nằm ngoài phạm vi bạn được xem báo cáo."), target=unit)


def top_units_in_scope(user):
    """The roots of the user's scope, in tree order: every root unit for an administrator, else the units
    they manage that are not below another unit they manage."""
    if not user.is_authenticated:
        return []
    if is_administrator(user):
        return list(Unit.get_root_nodes())
    managed = list(user.managed_units.order_by("path"))
    return [
        unit
        for unit in managed
        if not any(unit.path.startswith(other.path) and unit.pk != other.pk for other in managed)
    ]


# Personal data: how each model reaches the unit of the person it is about.


@dataclass(frozen=True)
class Rule:
    """How rows of one model are scoped.

    unit: lookup from the model to the Unit that places the person ("unit", "user__cadre__unit"; "" for Unit
    itself); the row is visible when that unit is in the viewer's scope.
    owner: lookup to the user a row belongs to (an export, an import); the row is visible to that user.
    administrators: whether administrators see every row (False: an owner-only row, such as an export).
    """

    unit: str | None = None
    owner: str | None = None
    administrators: bool = True


_RULES = {}


def register(model, *, unit=None, owner=None, administrators=True):
    """Declare how `model`'s rows are scoped (called from the owning app's AppConfig.ready)."""
    _RULES[model._meta.concrete_model] = Rule(unit, owner, administrators)


def rule_for(model):
    return _RULES.get(model._meta.concrete_model)


def is_personal(model):
    return rule_for(model) is not None


def restrict(viewer, queryset):
    """The rows of `queryset` that `viewer` may see. Refuses a model that never registered a rule."""
    rule = rule_for(queryset.model)
    if rule is None:
        raise LookupError(f"{queryset.model._meta.label} has no scope rule: register it with units.scope.register")
    if not viewer.is_authenticated:
        return queryset.none()
    if rule.administrators and is_administrator(viewer):
        return queryset
    visible = Q(pk__in=[])
    if rule.unit is not None:
        lookup = f"{rule.unit}__in" if rule.unit else "pk__in"
        visible |= Q(**{lookup: units_in_scope(viewer).values("pk")})
    if rule.owner:
        visible |= Q(**{rule.owner: viewer.pk})
    return queryset.filter(visible)


def sees_all_results(viewer):
    return viewer.is_active and viewer.has_perm(ALL_RESULTS_PERMISSION)


def restrict_results(viewer, queryset):
    """Results (attempts) of every unit for the organisers, else those of the people in the viewer's scope."""
    return queryset if sees_all_results(viewer) else restrict(viewer, queryset)


def check_visible(viewer, obj, message=None):
    """Raise OutOfScope unless `viewer` may see `obj`, a row of a personal-data model; return `obj`."""
    if not restrict(viewer, type(obj)._default_manager.filter(pk=obj.pk)).exists():
        raise OutOfScope(message, target=obj)
    return obj


# Admin viewsets: scoped by construction.


class ScopedViewMixin:
    """Mixed into every view of a ScopedViewSetMixin viewset: querysets and objects in the viewer's scope."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if not is_personal(queryset.model):  # an object's history or usage: get_object checked the object
            return queryset
        return restrict(self.request.user, queryset)

    def get_object_list(self):  # chooser views
        return restrict(self.request.user, super().get_object_list())

    def get_object(self, *args, **kwargs):
        return check_visible(self.request.user, super().get_object(*args, **kwargs))


_scoped_views = {}


def scoped_view_class(view_class):
    """`view_class` with ScopedViewMixin in front (one subclass per class, made once)."""
    if issubclass(view_class, ScopedViewMixin):
        return view_class
    if view_class not in _scoped_views:
        _scoped_views[view_class] = type(f"Scoped{view_class.__name__}", (ScopedViewMixin, view_class), {})
    return _scoped_views[view_class]


class ScopedViewSetMixin:
    """For a Wagtail viewset (ModelViewSet, SnippetViewSet, ChooserViewSet) of a personal-data model."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        chooser = getattr(cls, "chooser_viewset_class", None)  # a snippet's chooser is scoped as well
        if chooser is not None and not issubclass(chooser, ScopedViewSetMixin):
            cls.chooser_viewset_class = type(f"Scoped{chooser.__name__}", (ScopedViewSetMixin, chooser), {})

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class), **kwargs)


def registered_admin_viewsets():
    """Every viewset Wagtail has registered (admin viewsets, snippets, the items of groups)."""
    import wagtail.admin.urls  # noqa: F401 - loading the admin URLs registers every viewset once
    from wagtail.admin.viewsets import viewsets

    return list(viewsets.viewsets)


@checks.register(checks.Tags.security)
def check_admin_viewsets_are_scoped(app_configs=None, **kwargs):
    """units.E001: an admin viewset shows a personal-data model without the scope mixin."""
    errors = []
    for viewset in registered_admin_viewsets():
        model = getattr(viewset, "model", None)
        if isinstance(model, type) and is_personal(model) and not isinstance(viewset, ScopedViewSetMixin):
            errors.append(
                checks.Error(
                    f"The admin viewset {type(viewset).__name__} shows {model._meta.label} without units.scope's "
                    "ScopedViewSetMixin: every manager would see the whole province.",
                    id="units.E001",
                )
            )
    return errors
