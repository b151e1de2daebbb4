"""The group "Animation du réseau" and the collections that keep lot photos from news editors.

Before: whoever entered Wagtail's admin (the default Editors and Moderators) counted as a network
administrator, and their image rights on the root collection reached every lot photo. After:
network moderation is its own permission, given to its own group; lot photos and logos live in
a collection of their own; the editors' image rights move to an "Éditorial" collection."""

from django.db import migrations

GROUP = "Animation du réseau"
LOT_PHOTOS = "Photos des lots et logos"
EDITORIAL = "Éditorial"
NEWS_GROUPS = ["Editors", "Moderators"]
IMAGE_ACTIONS = ["add_image", "change_image", "delete_image", "choose_image"]
STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _base36(number):
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEP, "0")


def _child_of_root(apps, name):
    # Historical models have no treebeard methods: the materialised path is written by hand.
    Collection = apps.get_model("wagtailcore.Collection")
    root = Collection.objects.get(depth=1)
    existing = Collection.objects.filter(depth=2, path__startswith=root.path, name=name).first()
    if existing:
        return existing
    last = Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    number = int(last.path[-STEP:], 36) + 1 if last else 1
    collection = Collection.objects.create(name=name, depth=2, path=root.path + _base36(number))
    root.numchild = Collection.objects.filter(depth=2, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])
    return collection


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Image = apps.get_model("wagtailimages.Image")
    LotPhoto = apps.get_model("annonces.LotPhoto")
    Organisation = apps.get_model("annonces.Organisation")
    Collection = apps.get_model("wagtailcore.Collection")

    lot_photos = _child_of_root(apps, LOT_PHOTOS)
    editorial = _child_of_root(apps, EDITORIAL)
    root = Collection.objects.get(depth=1)
    marketplace = set(LotPhoto.objects.values_list("image_id", flat=True))
    marketplace |= set(Organisation.objects.exclude(logo=None).values_list("logo_id", flat=True))
    Image.objects.filter(pk__in=marketplace, collection=root).update(collection=lot_photos)
    Image.objects.filter(collection=root).update(collection=editorial)

    images = {a: _permission(apps, "wagtailimages", "image", a, a) for a in IMAGE_ACTIONS}
    for group in Group.objects.filter(name__in=NEWS_GROUPS):
        for permission in images.values():
            granted = GroupCollectionPermission.objects.filter(
                group=group, collection=root, permission=permission
            )
            if granted.exists():
                granted.delete()
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=editorial, permission=permission
                )

    network, _ = Group.objects.get_or_create(name=GROUP)
    network.permissions.add(
        _permission(apps, "annonces", "organisation", "moderate_network", "Animer le réseau"),
        _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        *[
            _permission(apps, "annonces", model, f"{action}_{model}", f"Can {action} {model}")
            for model in ["organisation", "lot", "category"]
            for action in ["add", "change", "delete", "view"]
        ],
        _permission(apps, "annonces", "reservation", "view_reservation", "Can view reservation"),
    )
    for permission in images.values():
        GroupCollectionPermission.objects.get_or_create(
            group=network, collection=lot_photos, permission=permission
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore.Collection")
    root = Collection.objects.get(depth=1)
    editorial = Collection.objects.filter(depth=2, name=EDITORIAL).first()
    if editorial:
        GroupCollectionPermission.objects.filter(
            group__name__in=NEWS_GROUPS, collection=editorial
        ).update(collection=root)
    Group.objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("annonces", "0007_network_permission"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
