from importlib import import_module

from django.db import migrations

# 0013's sync of the Indicator rows from the catalogue (every row and its position), run again for the new row.
sync_catalogue = import_module("apps.indicators.migrations.0013_pulse_trust").add_pulse_indicators


def remove_partner_requests_answered(apps, schema_editor):
    apps.get_model("indicators", "Indicator").objects.filter(code="partner_requests_answered").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0013_pulse_trust"),
    ]

    operations = [migrations.RunPython(sync_catalogue, remove_partner_requests_answered)]
