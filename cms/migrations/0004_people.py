"""Wagtail's default workflow, task and groups named in French; events' organisers; mentions;
help texts on the page types.

The admin read "Soumettre à Moderators approval": Wagtail creates them in English and its
catalogue cannot translate names stored in the database.
"""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import wagtail.fields
from django.db import migrations, models

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
        # It finds the groups by name; organisations and lots exist since 0001.
        ("annonces", "0008_network_group_and_collections"),
        # After every Wagtail migration that finds these groups by their English names.
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [
        migrations.RunPython(rename, lambda apps, editor: rename(apps, editor, backwards=True)),
        migrations.AddField(
            model_name="eventpage",
            name="mentioned_lots",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Les lots présentés : un lien vers chacun tant qu'il est en ligne.",
                related_name="%(class)s_mentions",
                to="annonces.lot",
                verbose_name="lots cités",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="mentioned_organisations",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Les structures dont parle la page : un lien vers chacune suit le texte.",
                related_name="%(class)s_mentions",
                to="annonces.organisation",
                verbose_name="structures citées",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="organiser",
            field=models.ForeignKey(
                blank=True,
                help_text="Sa page est liée depuis l'événement, et sa position placée sur la carte.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="events_organised",
                to="annonces.organisation",
                verbose_name="structure organisatrice",
            ),
        ),
        migrations.AddField(
            model_name="newspage",
            name="mentioned_lots",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Les lots présentés : un lien vers chacun tant qu'il est en ligne.",
                related_name="%(class)s_mentions",
                to="annonces.lot",
                verbose_name="lots cités",
            ),
        ),
        migrations.AddField(
            model_name="newspage",
            name="mentioned_organisations",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Les structures dont parle la page : un lien vers chacune suit le texte.",
                related_name="%(class)s_mentions",
                to="annonces.organisation",
                verbose_name="structures citées",
            ),
        ),
        migrations.AlterField(
            model_name="directorypage",
            name="intro",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text="Au-dessus des filtres : à qui sert l'annuaire, comment y figurer.",
                verbose_name="introduction",
            ),
        ),
        migrations.AlterField(
            model_name="esspage",
            name="intro",
            field=models.TextField(
                blank=True,
                help_text="Deux ou trois phrases, sous le titre et dans les résultats de recherche.",
                max_length=400,
                verbose_name="chapeau",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="address",
            field=models.CharField(
                blank=True,
                help_text="Numéro, rue, code postal et commune.",
                max_length=255,
                verbose_name="adresse",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="intro",
            field=models.TextField(
                blank=True,
                help_text="Deux ou trois phrases, reprises dans l'agenda.",
                max_length=400,
                verbose_name="chapeau",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="place",
            field=models.CharField(
                help_text="Le nom du lieu, par exemple « Ressourcerie de Vitry ».",
                max_length=150,
                verbose_name="lieu",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="registration_url",
            field=models.URLField(
                blank=True,
                help_text="Un bouton « S'inscrire » y mène tant que l'événement est à venir.",
                verbose_name="lien d'inscription",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="start",
            field=models.DateTimeField(
                help_text="Date et heure, heure de Paris.", verbose_name="début"
            ),
        ),
        migrations.AlterField(
            model_name="newspage",
            name="author",
            field=models.CharField(
                blank=True,
                help_text="Une personne ou une structure ; vide, rien n'est affiché.",
                max_length=120,
                verbose_name="auteur ou autrice",
            ),
        ),
        migrations.AlterField(
            model_name="newspage",
            name="date",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="Celle affichée et qui ordonne la liste.",
                verbose_name="date",
            ),
        ),
    ]
