from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.organisations.models import Organisation
from apps.organisations.services import ORGANISATION_FIELDS
from apps.sectors.models import Language, Sector


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.unit.name} ({obj.get_level_display()})"


class OrganisationForm(forms.ModelForm):
    """The register's form: the name and sector are the organisation's unit's, the rest the organisation's own."""

    name = forms.CharField(label=_("Name"), max_length=200)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.filter(kind=Sector.Kind.EXTERNAL).order_by("name")
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Organisation
        fields = ["name", "sector", *ORGANISATION_FIELDS, "topics"]
        field_classes = {"parent": OrganisationChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.instance
        if organisation.pk:
            self.initial.setdefault("name", organisation.unit.name)
            self.initial.setdefault("sector", organisation.unit.sector_id)
        # A parent acts more widely than a local association: regional and national organisations, never itself.
        parents = Organisation.objects.exclude(level=Organisation.Level.LOCAL).select_related("unit")
        if organisation.pk:
            parents = parents.exclude(pk=organisation.pk)
        self.fields["parent"].queryset = parents.order_by("unit__name")
