from django.db import migrations


def seed(apps, schema_editor):
    from kerekasztal.servicemap.catalogue import ensure_service_types

    ensure_service_types(apps.get_model("servicemap", "ServiceType"))


class Migration(migrations.Migration):
    dependencies = [("servicemap", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
