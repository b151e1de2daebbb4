"""French text folding and stemming for the database backend.

The Elasticsearch index does the same job with its own analyser; each backend
applies one analysis to both the lots and the query, so they agree with themselves.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# The words that carry no meaning in a lot title or a query.
STOP_WORDS = frozenset(
    """
    a au aux avec ce ces dans de des du elle en et il ils je la le les leur lui ma mais me
    meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta
    te tes toi ton tu un une vos votre vous y c d j l m n s t
    """.split()  # noqa: SIM905
)
MAX_TERMS = 32  # a query longer than this says nothing more; it only costs time

_WORD = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    """Lower case, accents removed ("Étagère" → "etagere")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def terms(text: str) -> list[str]:
    """The stems of the meaningful words, in order ("Les chaises" → ["chais"])."""
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def query_terms(text: str) -> list[str]:
    """The distinct stems of a query, at most MAX_TERMS of them."""
    return list(dict.fromkeys(terms(text[:2000])))[:MAX_TERMS]
