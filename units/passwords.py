"""Password rules beyond Django's: mixed character classes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """Require letters of both cases, a digit and a symbol, or at least three of these four."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("Mật khẩu phải có ít nhất %(count)d trong 4 loại ký tự: chữ thường, chữ hoa, chữ số, ký hiệu.") % {
            "count": self.min_classes
        }
