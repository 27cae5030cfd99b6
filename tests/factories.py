"""factory_boy factories shared by the tests."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from units.models import Cadre, CadreCategory, Unit, UnitKind
from units.roles import LEARNER

TEST_PASSWORD = "HocTap@2026!"


def make_unit(code, name, parent=None, kind=UnitKind.OTHER, **fields):
    """Add a unit to the tree (treebeard needs add_root/add_child, not a plain create)."""
    unit = Unit(code=code, name=name, kind=kind, **fields)
    return parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username.lower()}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=name)[0])
        self.save()


class CadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadre

    staff_code = factory.Sequence(lambda n: f"CB{n:06d}")
    user = factory.SubFactory(
        UserFactory, username=factory.SelfAttribute("..staff_code"), groups=[LEARNER]
    )
    full_name = "Nguyễn Văn An"
    unit = factory.LazyFunction(lambda: Unit.get_first_root_node() or make_unit("T", "Tỉnh thử nghiệm"))
    position = "Chuyên viên"
    category = CadreCategory.CIVIL_SERVANT


def publish(parent, page):
    """Add `page` under `parent` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
