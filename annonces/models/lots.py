"""Categories, lots and their photos."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from ..choices import Audience, Condition, LotStatus, PriceKind, Unit
from .base import Located, choices_check, location_checks, unique_slug
from .organisations import Organisation
from .querysets import CategoryQuerySet, LotQuerySet


class Category(models.Model):
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("catégorie parente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    co2_factor = models.DecimalField(
        _("facteur CO₂ (kg CO₂e évités par kg réemployé)"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Laisser vide pour reprendre celui de la catégorie parente."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(co2_factor__isnull=True) | models.Q(co2_factor__gte=0),
                name="category_co2_factor_not_negative",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="category_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return " › ".join(c.name for c in self.ancestors_and_self())

    def ancestors_and_self(self) -> list["Category"]:
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def with_descendants(self) -> list[int]:
        """Ids of this category and all below it; the tree is small, so one query walks it."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        ids, todo = [], [self.pk]
        while todo:
            pk = todo.pop()
            ids.append(pk)
            todo.extend(children.get(pk, []))
        return ids

    def effective_co2_factor(self):
        """This category's CO₂ factor, or the nearest ancestor's."""
        for node in reversed(self.ancestors_and_self()):
            if node.co2_factor is not None:
                return node.co2_factor
        return None

    def clean(self) -> None:
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError(
                    {"parent": _("Une catégorie ne peut pas être rangée sous elle-même.")}
                )
            node = node.parent


class Lot(Located, ClusterableModel):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("structure"), on_delete=models.PROTECT, related_name="lots"
    )
    title = models.CharField(_("titre"), max_length=120)
    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("catégorie"), on_delete=models.PROTECT, related_name="lots"
    )
    quantity = models.PositiveIntegerField(
        _("quantité"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    unit = models.CharField(_("unité"), max_length=10, choices=Unit.choices, default=Unit.PIECE)
    # Both counters change only under the lot's row lock (annonces.reservations).
    quantity_reserved = models.PositiveIntegerField(
        _("quantité réservée"), default=0, editable=False
    )
    quantity_collected = models.PositiveIntegerField(
        _("quantité enlevée"), default=0, editable=False
    )
    weight_kg = models.DecimalField(
        _("poids estimé (kg)"),
        max_digits=10,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("Poids total du lot, pour compter les déchets évités."),
    )
    condition = models.CharField(
        _("état"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    price_kind = models.CharField(
        _("prix"), max_length=10, choices=PriceKind.choices, default=PriceKind.FREE
    )
    price = models.DecimalField(
        _("montant (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    audience = models.CharField(
        _("public"), max_length=15, choices=Audience.choices, default=Audience.EVERYONE
    )
    available_from = models.DateField(_("disponible à partir du"), default=timezone.localdate)
    available_until = models.DateField(_("disponible jusqu'au"), null=True, blank=True)
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=LotStatus.choices,
        default=LotStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField(
        _("expire le"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Le lot quitte les annonces à cette date ; vide : sans échéance."),
    )
    expiry_reminder_sent_at = models.DateTimeField(
        _("rappel d'expiration envoyé le"), null=True, blank=True, editable=False
    )
    moderation_reason = models.TextField(
        _("motif de modération"),
        blank=True,
        help_text=_("Donné à la structure quand un administrateur du réseau retire le lot."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = LotQuerySet.as_manager()

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["-published_at", "-pk"]
        # The order of LotQuerySet.newest(): the lists read their first page from the index
        # instead of sorting every visible lot.
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="lot_newest"),
            models.Index(
                fields=["organisation", "-published_at", "-id"], name="lot_newest_of_organisation"
            ),
            # "Lots similaires": a category's lots within a box around a lot (lots/page.py).
            models.Index(fields=["category", "latitude", "longitude"], name="lot_category_place"),
            # The search's nearest lots, read from a small box around the centre
            # (search/backends/one_pass.py).
            models.Index(fields=["latitude", "longitude"], name="lot_place"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="lot_quantity_positive"
            ),
            # The last guard against promising a unit twice, whatever the code above it does.
            models.CheckConstraint(
                condition=models.Q(
                    quantity__gte=models.F("quantity_reserved") + models.F("quantity_collected")
                ),
                name="lot_never_over_allocated",
            ),
            models.CheckConstraint(
                condition=models.Q(weight_kg__gte=0), name="lot_weight_not_negative"
            ),
            choices_check("status", LotStatus, "lot_status_valid"),
            choices_check("unit", Unit, "lot_unit_valid"),
            choices_check("condition", Condition, "lot_condition_valid"),
            choices_check("audience", Audience, "lot_audience_valid"),
            choices_check("price_kind", PriceKind, "lot_price_kind_valid"),
            # A fixed price needs an amount; free and on-quote lots carry none.
            models.CheckConstraint(
                condition=(
                    models.Q(price_kind=PriceKind.PRICE, price__isnull=False, price__gte=0)
                    | (~models.Q(price_kind=PriceKind.PRICE) & models.Q(price__isnull=True))
                ),
                name="lot_price_matches_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(available_until__isnull=True)
                | models.Q(available_until__gte=models.F("available_from")),
                name="lot_availability_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=LotStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="lot_published_has_date",
            ),
            *location_checks("lot"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.title)
        if self.status == LotStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        # The row and what listens to it (the search's outbox) commit together: a bare save
        # cut between the two (a database restart) left a change the index never heard of.
        # No savepoint inside a caller's transaction: as Django's own save_base does for
        # inherited models, and the query counts stay what they were.
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("annonces:lot_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.price_kind == PriceKind.PRICE and self.price is None:
            errors["price"] = _("Indiquez le montant demandé.")
        if self.price_kind != PriceKind.PRICE:
            self.price = None
        if (
            self.available_until
            and self.available_from
            and self.available_until < self.available_from
        ):
            errors["available_until"] = _("La fin de disponibilité précède son début.")
        if self.quantity is not None and self.quantity < self.quantity_allocated:
            errors["quantity"] = _(
                "%(count)s sont déjà réservés ou enlevés : la quantité ne peut pas être moindre."
            ) % {"count": self.quantity_allocated}
        if errors:
            raise ValidationError(errors)

    @property
    def is_visible(self) -> bool:
        """Shown to the public: published, unexpired, by a validated organisation."""
        if self.status != LotStatus.PUBLISHED or not self.organisation.is_validated:
            return False
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return False
        return self.available_until is None or self.available_until >= timezone.localdate()

    @property
    def quantity_available(self) -> int:
        """What may still be asked for: total − reserved − collected."""
        return self.quantity - self.quantity_reserved - self.quantity_collected

    @property
    def quantity_allocated(self) -> int:
        return self.quantity_reserved + self.quantity_collected

    def settle_status(self) -> None:
        """Status from the counters: all taken → collected; nothing left → reserved; else online."""
        if self.quantity_collected >= self.quantity:
            self.status = LotStatus.COLLECTED
        elif self.status in {LotStatus.PUBLISHED, LotStatus.RESERVED}:
            self.status = (
                LotStatus.RESERVED if self.quantity_available <= 0 else LotStatus.PUBLISHED
            )

    @property
    def is_reservable(self) -> bool:
        return self.is_visible and self.quantity_available > 0

    @property
    def cover(self):
        """The first photo, or None."""
        photos = list(self.photos.all())
        return photos[0] if photos else None


class LotPhoto(Orderable):
    lot = ParentalKey(Lot, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("description de la photo"),
        max_length=200,
        blank=True,
        help_text=_("Ce que montre la photo, pour les personnes qui ne la voient pas."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("photo du lot")
        verbose_name_plural = _("photos du lot")

    def __str__(self) -> str:
        return f"{self.lot} · photo {self.sort_order}"
