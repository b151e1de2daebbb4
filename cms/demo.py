"""Demo pages for `make run`: the ESS explained, the network's news, the agenda, the directory
and the questionnaire to ESS actors.

`load_pages()` is idempotent: a page found by its slug under its parent is left as an editor
may have changed it, so loading twice never duplicates nor overwrites anything.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from annonces.collections import editorial_collection
from annonces.models import Category

from .event_places import place_event
from .models import (
    DirectoryPage,
    EssPage,
    EventIndexPage,
    EventPage,
    FormField,
    FormPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
)

HOME_BODY = (
    "<p>Le réseau du réemploi de Grand-Orly Seine Bièvre relie dix ressourceries et "
    "recycleries, des structures d'insertion, des entreprises adaptées et des coopératives. "
    "Ensemble, elles collectent ce dont d'autres n'ont plus l'usage — chutes de chantier, "
    "mobilier, décors de spectacle, vélos, jouets — et le remettent en circulation près de "
    "chez vous.</p>"
)


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _p(*paragraphs: str) -> RichText:
    return RichText("".join(f"<p>{text}</p>" for text in paragraphs))


def _list(*items: str) -> RichText:
    return RichText("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


# Pictures are drawn, never downloaded: the demo loads offline.
def _picture(title: str, ground: str, shapes: list[tuple[str, tuple[int, int, int, int]]]):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PILImage.new("RGB", (1200, 675), ground)
    pen = ImageDraw.Draw(picture)
    for colour, box in shapes:
        pen.rounded_rectangle(box, radius=24, fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    slug = title.lower().replace(" ", "-")[:40]
    file = ImageFile(buffer, name=f"{slug}.png")
    return Image.objects.create(title=title, file=file, collection=editorial_collection())


def _with_alt(image, alt: str):
    # ImageBlock stores the alternative text with the block, not with the image.
    image.contextual_alt_text = alt
    image.decorative = False
    return image


def _child(parent: Page, model, slug: str, stdout, **fields):
    """The child page of that slug, created (and published) only if it is missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, **fields)
    if isinstance(page, EventPage):
        place_event(page)  # as the editor's form does
    parent.add_child(instance=page)
    page.save_revision().publish()
    _say(stdout, f"  page « {page.title} »")
    return page


def _mois_de_l_ess_dates(today: date) -> tuple[datetime, datetime]:
    """The next (or current) month of November, from the 1st 9:00 to the 30th 18:00."""
    year = today.year if today.month <= 11 else today.year + 1
    start = timezone.make_aware(datetime.combine(date(year, 11, 1), time(9, 0)))
    end = timezone.make_aware(datetime.combine(date(year, 11, 30), time(18, 0)))
    return start, end


@transaction.atomic
def load_pages(stdout=None) -> HomePage:
    """Create the demo pages that are missing; return the home page."""
    home = HomePage.objects.get()
    if not home.body:
        home.body = HOME_BODY
        home.save_revision().publish()
    ess = _load_ess_pages(home, stdout)
    _load_news(home, stdout)
    _load_events(home, stdout)
    directory = _child(
        home,
        DirectoryPage,
        "annuaire",
        stdout,
        title="Annuaire des acteurs",
        show_in_menus=True,
        intro=(
            "<p>Ressourceries, structures d'insertion, entreprises adaptées, coopératives : "
            "les acteurs de l'économie sociale et solidaire du territoire, commune par "
            "commune.</p>"
        ),
    )
    questionnaire = _load_questionnaire(home, stdout)
    # The ESS pages come first in the menu but point to the two pages made after them.
    _fill_body(ess, _ess_body(questionnaire))
    _fill_body(
        ess.get_children().get(slug="ressourceries").specific, _ressourceries_body(directory)
    )
    return home


def _fill_body(page, body) -> None:
    if not page.body:
        page.body = body
        page.save_revision().publish()


def _load_ess_pages(home: HomePage, stdout) -> EssPage:
    ess = _child(
        home,
        EssPage,
        "ess",
        stdout,
        title="L'économie sociale et solidaire",
        show_in_menus=True,
        intro=(
            "Entreprendre autrement : des structures qui placent l'utilité sociale avant le "
            "profit, et qui font vivre le territoire."
        ),
    )
    _child(
        ess,
        EssPage,
        "familles",
        stdout,
        title="Les familles de l'ESS",
        intro="SIAE, EA, ESAT, ESUS, SCOP, SCIC : ce que veulent dire ces sigles.",
        body=_families_body(),
    )
    _child(
        ess,
        EssPage,
        "ressourceries",
        stdout,
        title="Les dix ressourceries du réseau",
        intro="Qui collecte quoi, et où l'on peut déposer, acheter ou emprunter.",
    )
    _child(
        ess,
        EssPage,
        "pourquoi-le-reemploi",
        stdout,
        title="Pourquoi le réemploi compte",
        intro="Le meilleur déchet est celui qu'on ne produit pas.",
        body=_why_reuse_body(),
    )
    return ess


def _ess_body(questionnaire):
    picture = _picture(
        "Atelier de la ressourcerie",
        "#e6efe9",
        [("#1f6f43", (80, 380, 560, 620)), ("#c8a96a", (620, 200, 1120, 620))],
    )
    return [
        (
            "paragraph",
            _p(
                "L'économie sociale et solidaire, ou ESS, rassemble des associations, des "
                "coopératives, des mutuelles, des fondations et des entreprises qui partagent "
                "quelques principes simples : un projet d'utilité sociale, une gouvernance "
                "où chaque membre a voix au chapitre, et des bénéfices d'abord réinvestis "
                "dans l'activité.",
                "Sur le territoire de Grand-Orly Seine Bièvre, l'ESS crée des emplois qui ne "
                "se délocalisent pas : on répare, on trie, on revend et on forme ici, avec les "
                "habitantes et les habitants.",
            ),
        ),
        (
            "key_figures",
            {
                "title": "L'ESS en quelques chiffres",
                "figures": [
                    {"figure": "24", "label": "communes sur le territoire"},
                    {"figure": "10", "label": "ressourceries et recycleries en réseau"},
                    {"figure": "1 sur 10", "label": "emplois en France relève de l'ESS"},
                ],
            },
        ),
        (
            "image",
            {
                "image": _with_alt(picture, "Établis et étagères d'un atelier de réparation"),
                "caption": "Dans les ateliers, les objets collectés sont vérifiés et réparés.",
            },
        ),
        ("heading", "Ce que fait la collectivité"),
        (
            "paragraph",
            _list(
                "mieux connaître les acteurs de l'ESS et leurs besoins (locaux, recrutement, "
                "accès à la commande publique, coopérations) ;",
                "accompagner la création d'activités utiles et d'emplois durables ;",
                "favoriser les achats socialement et écologiquement responsables ;",
                "faire connaître l'ESS, notamment pendant le Mois de l'ESS, chaque novembre.",
            ),
        ),
        (
            "quote",
            {
                "text": "Ce qui sort de nos ateliers n'est pas un rebut : c'est une ressource "
                "qui attend sa deuxième vie.",
                "attribution": "Une valoriste du réseau",
            },
        ),
        *_latest_lots_block(),
        (
            "call_to_action",
            {
                "title": "Vous êtes une structure de l'ESS ?",
                "text": "Dites-nous qui vous êtes et ce dont vous avez besoin : le "
                "questionnaire prend dix minutes.",
                "button_label": "Répondre au questionnaire",
                "page": questionnaire,
                "url": "",
            },
        ),
    ]


def _latest_lots_block():
    category = Category.objects.roots().first()
    if category is None:
        return []
    return [("latest_lots", {"title": "", "category": category, "count": 4})]


def _families_body():
    families = [
        (
            "Les structures d'insertion par l'activité économique (SIAE)",
            "Chantiers et ateliers d'insertion, entreprises d'insertion, associations "
            "intermédiaires : elles embauchent des personnes éloignées de l'emploi et les "
            "accompagnent, le temps d'un contrat, vers un emploi durable ou une formation. "
            "Beaucoup de ressourceries sont des ateliers et chantiers d'insertion.",
        ),
        (
            "Les entreprises adaptées et les ESAT (EA-ESAT)",
            "Les entreprises adaptées emploient une majorité de travailleuses et de "
            "travailleurs handicapés ; les établissements et services d'aide par le travail "
            "(ESAT) accueillent des personnes qui ont besoin d'un accompagnement médico-social "
            "pour travailler. Blanchisserie, espaces verts, tri, reconditionnement : leurs "
            "métiers sont variés.",
        ),
        (
            "Les entreprises solidaires d'utilité sociale (ESUS)",
            "Un agrément de l'État, accordé aux entreprises dont l'utilité sociale est "
            "l'objectif principal et qui encadrent leurs écarts de salaires. Il ouvre l'accès "
            "à l'épargne solidaire.",
        ),
        (
            "Les sociétés coopératives et participatives (SCOP)",
            "Les salariés y sont associés majoritaires : une personne, une voix, quel que "
            "soit le capital apporté. Les réserves restent dans l'entreprise, ce qui la rend "
            "solide dans la durée.",
        ),
        (
            "Les sociétés coopératives d'intérêt collectif (SCIC)",
            "Salariés, usagers, bénévoles, collectivités, entreprises : plusieurs catégories "
            "d'associés gouvernent ensemble une activité d'intérêt collectif, par exemple une "
            "recyclerie portée par ses habitants et sa commune.",
        ),
    ]
    body = []
    for title, text in families:
        body += [("heading", title), ("paragraph", _p(text))]
    return body


RESSOURCERIES = [
    ("Emmaüs Liberté", "mobilier, vaisselle, livres et vêtements"),
    ("La Ressourcerie du Spectacle", "décors, costumes et matériel de scène"),
    ("Cyclofficine", "vélos, pièces détachées et ateliers d'autoréparation"),
    ("rejoué", "jouets et jeux vérifiés, complétés et nettoyés"),
    ("Ecoreso Autonomie", "matériel médical et aides techniques remis en état"),
    ("La Pagaille", "objets du quotidien et ateliers de réparation"),
    ("La Mine", "matériaux et objets, boutique et ateliers"),
    ("Chic ! On ressource", "textile, mobilier et objets de maison"),
    ("Ressourcerie de la RIVED", "encombrants et objets collectés en déchetterie"),
    ("La Recyclerie des Portes de l'Essonne", "mobilier, électroménager et bric-à-brac"),
]


def _ressourceries_body(directory):
    return [
        (
            "paragraph",
            _p(
                "Une ressourcerie collecte des objets dont leurs propriétaires veulent se "
                "séparer, les trie, les répare si besoin, puis les revend à petit prix ou les "
                "donne. Elle sensibilise aussi à la réduction des déchets, par des ateliers "
                "et des animations."
            ),
        ),
        ("heading", "Les membres du réseau"),
        (
            "paragraph",
            _list(*(f"<b>{name}</b> : {what}" for name, what in RESSOURCERIES)),
        ),
        (
            "call_to_action",
            {
                "title": "Trouver une structure près de chez vous",
                "text": "L'annuaire les situe sur une carte, commune par commune.",
                "button_label": "Voir l'annuaire",
                "page": directory,
                "url": "",
            },
        ),
    ]


def _why_reuse_body():
    return [
        (
            "paragraph",
            _p(
                "Fabriquer une porte, une chaise ou un vélo demande de la matière, de l'eau et "
                "de l'énergie. Lui donner une deuxième vie évite d'en fabriquer un neuf, et "
                "évite aussi de traiter un déchet.",
                "Le réemploi garde la valeur des objets sur le territoire : il crée des emplois "
                "de collecte, de réparation et de vente, souvent accessibles à des personnes "
                "qui reprennent pied dans le travail.",
            ),
        ),
        (
            "key_figures",
            {
                "title": "",
                "figures": [
                    {"figure": "1er", "label": "geste de la hiérarchie des déchets : éviter"},
                    {"figure": "0 km", "label": "de transport lointain pour un lot collecté"},
                ],
            },
        ),
        (
            "quote",
            {
                "text": "Nos décors ont déjà servi à trois compagnies : le bois voyage de "
                "scène en scène au lieu de finir en benne.",
                "attribution": "Un régisseur de théâtre",
            },
        ),
    ]


NEWS = [
    (
        "ouverture-de-la-plateforme",
        "Le réseau du réemploi ouvre sa plateforme",
        "Les ressourceries du territoire publient désormais leurs lots en ligne : "
        "entreprises, associations et écoles peuvent les réserver en quelques clics.",
        ["réseau", "réemploi"],
        10,
    ),
    (
        "chantier-portes-ivry",
        "Deux cents portes sauvées d'un chantier de réhabilitation",
        "Avant la démolition d'un immeuble, des portes isoplanes et des huisseries ont été "
        "déposées avec soin. Elles attendent preneur dans une ressourcerie du réseau.",
        ["réemploi", "bâtiment"],
        6,
    ),
    (
        "appel-a-projets-ess",
        "Un appel à projets pour l'ESS",
        "La collectivité soutient les projets d'utilité sociale qui créent des emplois durables "
        "sur le territoire. Dossiers à déposer avant la fin du trimestre.",
        ["ESS"],
        3,
    ),
    (
        "questionnaire-acteurs-ess",
        "Acteurs de l'ESS : mieux vous connaître pour mieux répondre à vos besoins",
        "Locaux, recrutement, accès à la commande publique, coopérations : répondez au "
        "questionnaire pour que l'action publique colle à vos besoins.",
        ["ESS", "réseau"],
        1,
    ),
]


def _load_news(home: HomePage, stdout) -> None:
    index = _child(
        home,
        NewsIndexPage,
        "actualites",
        stdout,
        title="Actualités",
        show_in_menus=True,
        intro="<p>Les nouvelles du réseau du réemploi et de l'ESS du territoire.</p>",
    )
    picture = _picture(
        "Lots en attente de réemploi",
        "#f7f6f1",
        [("#c8a96a", (100, 150, 500, 600)), ("#1f6f43", (560, 300, 1100, 600))],
    )
    today = timezone.localdate()
    for slug, title, intro, tags, days_ago in NEWS:
        if index.get_children().filter(slug=slug).exists():
            continue
        news = NewsPage(
            slug=slug,
            title=title,
            intro=intro,
            date=today - timedelta(days=days_ago),
            author="L'équipe d'animation du réseau",
            image=picture,
            body=[
                ("paragraph", _p(intro)),
                (
                    "paragraph",
                    _p(
                        "Retrouvez les lots disponibles dans la rubrique Annonces, et les "
                        "structures du réseau dans l'annuaire."
                    ),
                ),
            ],
        )
        news.tags.add(*tags)
        index.add_child(instance=news)
        news.save_revision().publish()
        _say(stdout, f"  actualité « {title} »")


def _load_events(home: HomePage, stdout) -> None:
    agenda = _child(
        home,
        EventIndexPage,
        "agenda",
        stdout,
        title="Agenda",
        show_in_menus=True,
        intro="<p>Rencontres, ateliers et temps forts de l'ESS et du réemploi.</p>",
    )
    start, end = _mois_de_l_ess_dates(timezone.localdate())
    _child(
        agenda,
        EventPage,
        f"mois-de-l-ess-{start.year}",
        stdout,
        title=f"Le Mois de l'ESS {start.year}",
        start=start,
        end=end,
        place="Dans les 24 communes du territoire",
        intro=(
            "Tout le mois de novembre, les acteurs de l'ESS ouvrent leurs portes : visites "
            "de ressourceries, ateliers de réparation, rencontres entre acheteurs et "
            "structures solidaires."
        ),
        body=[
            (
                "paragraph",
                _p(
                    "Le Mois de l'ESS est le rendez-vous national de l'économie sociale et "
                    "solidaire. Sur notre territoire, il est coordonné par la collectivité avec "
                    "les structures du réseau.",
                ),
            ),
            ("heading", "Au programme"),
            (
                "paragraph",
                _list(
                    "portes ouvertes dans les ressourceries ;",
                    "ateliers d'autoréparation de vélos et de petits appareils ;",
                    "rencontre entre acheteurs publics et structures de l'ESS ;",
                    "réunion d'information sur la finance solidaire.",
                ),
            ),
        ],
    )
    day = timezone.localdate() + timedelta(days=21)
    _child(
        agenda,
        EventPage,
        "atelier-reparation-velos",
        stdout,
        title="Atelier d'autoréparation de vélos",
        start=timezone.make_aware(datetime.combine(day, time(14, 0))),
        end=timezone.make_aware(datetime.combine(day, time(18, 0))),
        place="Cyclofficine",
        address="8 rue Raspail, 94200 Ivry-sur-Seine",
        price="Prix libre",
        intro="Venez avec votre vélo : outils et conseils sont fournis.",
    )


QUESTIONNAIRE_FIELDS = [
    ("Nom de votre structure", "singleline", True, "", ""),
    (
        "Type de structure",
        "dropdown",
        True,
        "SIAE\nEntreprise adaptée ou ESAT\nESUS\nSCOP\nSCIC\nRessourcerie ou recyclerie\n"
        "Association\nAutre",
        "",
    ),
    ("Commune de votre siège", "singleline", True, "", ""),
    ("Nombre de salariés", "number", False, "", ""),
    (
        "Vos besoins",
        "checkboxes",
        False,
        "Locaux\nRecrutement\nAppui en ressources humaines\nAide au développement et "
        "financements\nAccès à la commande publique\nCoopérations avec d'autres structures\n"
        "Visibilité",
        "Cochez tout ce qui vous concerne.",
    ),
    ("Précisez vos besoins ou vos projets", "multiline", False, "", ""),
    ("Adresse e-mail de contact", "email", True, "", "Pour vous répondre, rien d'autre."),
]


def _load_questionnaire(home: HomePage, stdout) -> FormPage:
    existing = home.get_children().filter(slug="questionnaire").first()
    if existing:
        return existing.specific
    form = FormPage(
        slug="questionnaire",
        title="Mieux vous connaître pour mieux répondre à vos besoins",
        intro=(
            "<p>Ce questionnaire s'adresse aux structures de l'économie sociale et solidaire "
            "du territoire. Vos réponses aident la collectivité à adapter son "
            "accompagnement.</p>"
        ),
        thank_you_text="<p>Merci ! Vos réponses ont bien été enregistrées.</p>",
    )
    for position, (label, field_type, required, choices, help_text) in enumerate(
        QUESTIONNAIRE_FIELDS
    ):
        form.form_fields.add(
            FormField(
                sort_order=position,
                label=label,
                field_type=field_type,
                required=required,
                choices=choices,
                help_text=help_text,
            )
        )
    home.add_child(instance=form)
    form.save_revision().publish()
    _say(stdout, f"  formulaire « {form.title} »")
    return form
