"""Wagtail's default workflow, task and groups, named in French.

The admin read "Soumettre à Moderators approval": Wagtail creates them in English and its
catalogue cannot translate names stored in the database.
"""

from django.db import migrations

RENAMES = {
    "auth.Group": [("Moderators", "Modérateurs"), ("Editors", "Rédacteurs")],
    "wagtailcore.Workflow": [("Moderators approval", "l'équipe d'animation")],
    "wagtailcore.Task": [("Moderators approval", "Relecture par l'équipe d'animation")],
}


def rename(apps, schema_editor, backwards=False):
    for model, pairs in RENAMES.items():
        Model = apps.get_model(model)
        for english, french in pairs:
            old, new = (french, english) if backwards else (english, french)
            if not Model.objects.filter(name=new).exists():
                Model.objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_news_events_ess_directory_forms"),
        ("annonces", "0008_network_group_and_collections"),  # it finds the groups by name
        # After every Wagtail migration that finds these groups by their English names.
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [
        migrations.RunPython(rename, lambda apps, editor: rename(apps, editor, backwards=True)),
    ]
