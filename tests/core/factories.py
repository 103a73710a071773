"""Helpers shared by the apps' factories."""

from __future__ import annotations

from collections.abc import Iterable

import factory
from django.db import models


def many_to_many(field: str) -> factory.PostGeneration:
    """A post-generation hook that sets the many-to-many ``field`` when the caller passes objects for it."""

    def assign(instance: models.Model, create: bool, extracted: Iterable[models.Model] | None, **_: object) -> None:
        if create and extracted:
            getattr(instance, field).set(extracted)

    return factory.PostGeneration(assign)


class VocabularyFactory(factory.django.DjangoModelFactory):
    """A name + slug vocabulary row (sectors, topics, themes), found again by its slug so fixtures may share one.

    A subclass names its model and its ``label``: the rows are "<label> <n>" with the slug "<label>-<n>".
    """

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)

    class Params:
        label = "Item"

    name = factory.LazyAttributeSequence(lambda row, n: f"{row.label} {n}")
    slug = factory.LazyAttributeSequence(lambda row, n: f"{row.label.lower()}-{n}")
