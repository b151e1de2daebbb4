"""The Elasticsearch document of a lot, and the French analyser it is searched with."""

from elasticsearch_dsl import (
    Date,
    Document,
    GeoPoint,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

from .relevance import whole_words
from .text import fold

# French elision: "l'étagère" is searched as "étagère".
french_elision = token_filter(
    "french_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
french_stop = token_filter("french_stop", type="stop", stopwords="_french_")
french_folding = token_filter("french_folding", type="asciifolding")
french_stemmer = token_filter("french_stemmer", type="stemmer", language="light_french")

# Stop words are dropped before folding because the list is written with its accents.
french = analyzer(
    "french_folded",
    tokenizer="standard",
    filter=[french_elision, "lowercase", french_stop, french_folding, french_stemmer],
)


# Words as typed, only folded: what "Vouliez-vous dire …" may propose (never a stem).
folded_words = analyzer(
    "folded_words", tokenizer="standard", filter=[french_elision, "lowercase", french_folding]
)


class LotDocument(Document):
    lot_id = Long()  # the tie-breaker of every sort (_id cannot be sorted on)
    title = Text(analyzer=french, fields={"words": Text(analyzer=folded_words)})
    title_words = Keyword()  # whole words, compounds entire (search.relevance)
    description = Text(analyzer=french)
    title_folded = Keyword()  # prefix suggestions, same folding as the database backend
    category_path = Keyword()  # the lot's category and all its ancestors
    condition = Keyword()
    price_kind = Keyword()
    audience = Keyword()
    organisation_id = Keyword()
    organisation = Text(analyzer=french)
    city = Keyword()
    location = GeoPoint()
    published_at = Date()
    available_until = Date()
    updated_at = Date()

    @classmethod
    def from_lot(cls, lot, category_path: list[int]) -> "LotDocument":
        location = None
        if lot.has_location:
            location = {"lat": lot.latitude, "lon": lot.longitude}
        return cls(
            meta={"id": lot.pk},
            lot_id=lot.pk,
            title=lot.title,
            description=lot.description,
            title_folded=fold(lot.title)[:120],
            title_words=whole_words(lot.title),
            category_path=[str(pk) for pk in category_path],
            condition=lot.condition,
            price_kind=lot.price_kind,
            audience=lot.audience,
            organisation_id=str(lot.organisation_id),
            organisation=lot.organisation.name,
            city=lot.city,
            location=location,
            published_at=lot.published_at,
            available_until=lot.available_until,
            updated_at=lot.updated_at,
        )
