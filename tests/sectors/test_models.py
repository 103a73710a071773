from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tests.sectors.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_unit_external_codes_are_unique_but_many_units_may_have_none():
    UnitFactory()
    UnitFactory()
    UnitFactory(external_code="DUP")

    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(external_code="DUP")
