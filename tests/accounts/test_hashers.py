"""Passwords are stored with Argon2id (OWASP parameters); an older PBKDF2 hash is upgraded at the next login."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher
from django.urls import reverse

from elearn.settings import base
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def product_hashers(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS  # the test settings use a fast one


def test_a_new_password_is_hashed_with_argon2id_and_owasp_parameters(product_hashers):
    user = UserFactory()
    user.set_password(TEST_PASSWORD)
    algorithm, variety, version, params, *_rest = user.password.split("$")
    assert (algorithm, variety) == ("argon2", "argon2id")
    assert params == "m=19456,t=2,p=1"


def test_a_pbkdf2_hash_still_logs_in_and_is_upgraded_then(client, product_hashers):
    user = UserFactory()
    user.password = PBKDF2PasswordHasher().encode(TEST_PASSWORD, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(TEST_PASSWORD)
