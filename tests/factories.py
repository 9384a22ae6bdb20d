import datetime

import factory
from factory.django import DjangoModelFactory

from kerekasztal.core.text import fold
from kerekasztal.territory.models import District


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "core.User"
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="hu_HU")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-9")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save()


class ForumFactory(DjangoModelFactory):
    class Meta:
        model = "forums.Forum"

    name = factory.Sequence(lambda n: f"Teszt Kerekasztal {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    kind = "district_roundtable"
    district = factory.LazyFunction(lambda: District.objects.get(name="Kőszegi járás"))
    county = factory.LazyAttribute(lambda o: o.district.county if o.district else None)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = "directory.Organisation"

    forum = factory.SubFactory(ForumFactory)
    name = factory.Sequence(lambda n: f"Teszt Szervezet {n}")
    name_key = factory.LazyAttribute(lambda o: fold(o.name))
    kind = "civil"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = "directory.Person"

    forum = factory.SubFactory(ForumFactory)
    name = factory.Sequence(lambda n: f"Teszt Személy {n}")
    name_key = factory.LazyAttribute(lambda o: fold(o.name))
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    legal_basis = "public_task"
    retention_until = datetime.date(2035, 12, 31)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = "forums.Membership"
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    organisation = factory.SubFactory(OrganisationFactory, forum=factory.SelfAttribute("..forum"))
    role = "member"
    since = datetime.date(2015, 6, 16)

    @factory.post_generation
    def representatives(self, create, extracted, **kwargs):
        if create and extracted:
            self.representatives.set(extracted)


class ForumAccessFactory(DjangoModelFactory):
    class Meta:
        model = "forums.ForumAccess"

    forum = factory.SubFactory(ForumFactory)
    user = factory.SubFactory(UserFactory)
    role = "coordinator"
