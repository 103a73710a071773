from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.tabular.kinds import ImportKind


class UploadForm(forms.Form):
    """The spreadsheet to import, and the kind's options (e.g. create missing contact persons)."""

    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file (UTF-8, separated by commas or semicolons)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def __init__(self, *args: Any, kind: type[ImportKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in kind.option_labels.items():
            self.fields[name] = forms.BooleanField(label=label, required=False)

    def options(self) -> dict[str, bool]:
        return {name: value for name, value in self.cleaned_data.items() if name != "file"}
