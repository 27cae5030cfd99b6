"""Login accounts: find the account behind a staff code, an email or a username."""

from django.contrib.auth import get_user_model

from elearn.text import normalize_code, normalize_text


def resolve_account(identifier):
    """Return the user a login identifier names, or None.

    Learners type their staff code (mã cán bộ) or email; staff may use a username.
    An email shared by several accounts names none of them.
    """
    text = normalize_text(identifier)
    if not text:
        return None
    users = get_user_model()._default_manager
    user = users.filter(username__iexact=text).first()
    if user is None:
        user = users.filter(cadre__staff_code=normalize_code(text)).first()
    if user is None and "@" in text:
        matches = list(users.filter(email__iexact=text)[:2])
        user = matches[0] if len(matches) == 1 else None
    return user


def account_key(identifier):
    """One key per account, whichever identifier was typed (used for lockout)."""
    user = resolve_account(identifier)
    if user is not None:
        return user.get_username().lower()
    return normalize_text(identifier).lower()
