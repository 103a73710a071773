from django.db import migrations


def sync_catalogue(apps, schema_editor):
    from apps.indicators.catalogue import CATALOGUE

    Indicator = apps.get_model("indicators", "Indicator")
    for position, spec in enumerate(CATALOGUE):
        Indicator.objects.update_or_create(
            code=spec.code,
            defaults={
                "theme": spec.theme,
                "unit": spec.unit,
                "direction": spec.direction,
                "scopes": list(spec.scopes),
                "position": position,
                **{f"name_{language}": text for language, text in spec.name.items()},
                **{f"description_{language}": text for language, text in spec.description.items()},
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(sync_catalogue, migrations.RunPython.noop)]
