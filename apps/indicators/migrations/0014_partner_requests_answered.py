from django.db import migrations


def add_partner_requests_answered(apps, schema_editor):
    """The catalogue's new row, and every row's position (as 0011 and 0013 sync them)."""
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
                **{f"formula_{language}": text for language, text in spec.formula.items()},
                "name": spec.name["fi"],
                "description": spec.description["fi"],
                "formula": spec.formula["fi"],
            },
        )


def remove_partner_requests_answered(apps, schema_editor):
    apps.get_model("indicators", "Indicator").objects.filter(code="partner_requests_answered").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0013_pulse_trust"),
    ]

    operations = [migrations.RunPython(add_partner_requests_answered, remove_partner_requests_answered)]
