"""Animators handle the reports of lots in the admin (their list and inspect views)."""

from django.db import migrations


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="annonces", model="lotreport")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_lotreport",
            defaults={"name": f"Can {action} signalement"},
        )[0]
        for action in ["view", "change"]
    ]
    for group in Group.objects.filter(name="Animation du réseau"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("annonces", "0009_lot_reports"),
        ("annonces", "0008_network_group_and_collections"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
