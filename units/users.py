"""Wagtail's user admin, closed against privilege escalation.

Wagtail lets anyone who may change users tick "Administrator" (is_superuser). Here only a
superuser sees that box, and only a superuser may edit or delete a superuser's account. Like every
screen that shows people, it lists only the accounts of the viewer's scope (units.scope).
"""

from django.core.exceptions import PermissionDenied
from wagtail.users.views import users

from .scope import ScopedViewSetMixin


class SuperuserFieldForSuperusersOnly:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


class SuperusersUntouchable:
    def get_object(self, queryset=None):
        target = super().get_object(queryset)
        if target.is_superuser and not self.request.user.is_superuser:
            raise PermissionDenied
        return target


class CreateView(SuperuserFieldForSuperusersOnly, users.CreateView):
    pass


class EditView(SuperuserFieldForSuperusersOnly, SuperusersUntouchable, users.EditView):
    pass


class DeleteView(SuperusersUntouchable, users.DeleteView):
    pass


class UserViewSet(ScopedViewSetMixin, users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
