from django.urls import path, register_converter

from apps.public import views

app_name = "public"


class LanguageConverter:
    regex = "fi|sv|en"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class DataFormatConverter:
    regex = "csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "language")
register_converter(DataFormatConverter, "data_format")

urlpatterns = [
    path("", views.language_choice, name="language_choice"),
    path("<language:language>/", views.index, name="index"),
    path("<language:language>/initiatives/", views.initiative_list, name="initiatives"),
    path("<language:language>/initiatives/<int:pk>/", views.initiative_detail, name="initiative"),
    path("<language:language>/indicators/", views.indicators, name="indicators"),
    path("<language:language>/premises/", views.premises_list, name="premises"),
    path("<language:language>/premises/<int:pk>/", views.premises_detail, name="space"),
    path("<language:language>/data/spaces.<data_format:file_format>", views.spaces_data, name="spaces_data"),
    path(
        "<language:language>/data/initiatives.<data_format:file_format>",
        views.initiatives_data,
        name="initiatives_data",
    ),
    path(
        "<language:language>/data/indicator-values.<data_format:file_format>",
        views.indicator_values_data,
        name="indicator_values_data",
    ),
]
