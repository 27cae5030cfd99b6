"""Wagtail's user admin, closed against privilege escalation.

Wagtail lets anyone who may change users tick "Administrator" (is_superuser). Here only a
superuser sees that box, and only a superuser may edit or delete a superuser's account. Like every
screen that shows people, it lists only the accounts of the viewer's scope (units.scope).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.users.views import users
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from .people import learner_name, learning_history
from .scope import ScopedViewSetMixin


class KeepsLearningHistory:
    """A delete view of a person (their account, their cadre record): refused, pointing to anonymisation, when
    they have learning history; deleting them would change every past report of their unit."""

    def person(self, target):
        return target

    def dispatch(self, request, *args, **kwargs):
        person = self.person(self.get_object())
        history = learning_history(person)
        if history:
            messages.error(request, history_message(person, history))
            return redirect(reverse(self.index_url_name))
        return super().dispatch(request, *args, **kwargs)


def history_message(person, history):
    return _(
        "Không xóa được %(name)s: đã có %(history)s. Xóa hẳn sẽ làm sai số liệu báo cáo của đơn vị; "
        "hãy dùng “Ẩn danh hóa” (danh sách cán bộ) để xóa thông tin cá nhân mà vẫn giữ số liệu."
    ) % {"name": learner_name(person), "history": ", ".join(history)}


class DeleteWithoutHistoryBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete of users, which leaves out (as not permitted) those with learning history."""

    def check_perm(self, obj):
        return super().check_perm(obj) and not learning_history(obj)


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


class DeleteView(KeepsLearningHistory, SuperusersUntouchable, users.DeleteView):
    pass


class UserViewSet(ScopedViewSetMixin, users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
