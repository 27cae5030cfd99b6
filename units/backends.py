"""Authentication by staff code, email or username."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .accounts import account_key, resolve_account


class StaffCodeOrEmailBackend(ModelBackend):
    """Model backend that accepts a staff code or an email in the username field."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = resolve_account(username)
        if user is None:
            # Spend the same time as a real check so that timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_account_key(request, credentials=None):
    """AXES_USERNAME_CALLABLE: count failures per account, not per typed identifier or IP."""
    identifier = (credentials or {}).get("username")
    if identifier is None and request is not None:
        identifier = request.POST.get("username")
    return account_key(identifier or "")
