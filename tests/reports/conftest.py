"""The viewers the report tests share: a manager of Sở Thông tin (tree fixture) and an administrator."""

import pytest

from tests.factories import UserFactory
from units.roles import ADMINISTRATOR, MANAGER


@pytest.fixture
def manager(tree):
    user = UserFactory(username="quanly", groups=[MANAGER])
    tree["department"].managers.add(user)
    return user


@pytest.fixture
def administrator():
    return UserFactory(username="quantri", groups=[ADMINISTRATOR])
