"""Test data, in one place. Each factory makes a valid, minimal row."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Section
from organizations.models import Organization, OrganizationAlias
from people.models import Affiliation, Person


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Office of Example Affairs {n}")
    slug = factory.Sequence(lambda n: f"office-of-example-affairs-{n}")
    kind = Organization.Kind.AGENCY


class OrganizationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationAlias

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Example Office {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Jordan Example{n}")
    slug = factory.Sequence(lambda n: f"jordan-example-{n}")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Deputy Director"
    start_date = dt.date(2023, 1, 1)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Agency opens comment period on rule {n}")
    slug = factory.Sequence(lambda n: f"agency-opens-comment-period-{n}")
    dek = "Residents have thirty days to respond."
    body = "<p>The agency said the notice would appear in the register this week.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


class DraftFactory(ArticleFactory):
    status = Article.Status.DRAFT
    published_at = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery")


class EditorFactory(UserFactory):
    is_staff = True
    is_superuser = True
