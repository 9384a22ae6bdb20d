from django.db import migrations

from kerekasztal.core.datasets.reference import ensure_reference_lists


def seed(apps, schema_editor):
    ensure_reference_lists(apps.get_model("core", "TargetGroup"), apps.get_model("core", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("core", "0003_shared_lists_and_links")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
