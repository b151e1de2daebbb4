"""'Vouliez-vous dire …' for the database backend: the nearest words of the lots' titles.

Asked only when a text finds nothing. Each word of the text that no visible title
holds is replaced by the nearest word that one does hold (Damerau-Levenshtein: a
swapped pair of letters is one typo, as in "chiases"), within one edit for a short
word and two for a longer one, as Elasticsearch's term suggester does, keeping the
first or the second letter; the most frequent wins a tie. The correction is offered
only if it finds something.
"""

import re
from collections import Counter
from dataclasses import replace

from annonces.choices import Audience
from annonces.models import Lot

from ..models import LotTerms
from ..query import LotQuery
from ..text import STOP_WORDS, fold

_WORD = re.compile(r"[a-z0-9]+")  # on folded text, as search.text reads words
MIN_WORD = 3  # shorter words are too many to guess from
VOCABULARY_LIMIT = 20_000  # the most recent titles say enough about the words in use


def max_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, given up (limit + 1) once past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def vocabulary(include_professional: bool) -> Counter:
    """The words of the visible lots' titles, folded, with how many titles hold each."""
    lots = Lot.objects.visible()
    if not include_professional:
        lots = lots.exclude(audience=Audience.PROFESSIONALS)
    recent = lots.order_by("-published_at").values("pk")[:VOCABULARY_LIMIT]
    titles = LotTerms.objects.filter(lot_id__in=recent).values_list("title_folded", flat=True)
    words = Counter()
    for title in titles:
        words.update(set(_WORD.findall(title)))
    return words


def nearest_word(word: str, words: Counter) -> str:
    """The known word nearest `word`, or `word` itself if none is near enough."""
    limit = max_edits(word)
    best: tuple[int, int, str] | None = None
    for candidate, count in words.items():
        # Cheap tests first: a typo keeps the length within the limit, and the first or the
        # second letter ("xhaises", "chiases"); 20,000 words then cost milliseconds.
        if abs(len(candidate) - len(word)) > limit or len(candidate) < MIN_WORD:
            continue
        if candidate[0] != word[0] and candidate[1] != word[1]:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, -count, candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else word


def corrected(text: str, words: Counter) -> str:
    """The text with each unknown word replaced by its nearest known one ("" if none is)."""
    folded = fold(text)
    parts, changed = [], False
    for word in _WORD.findall(folded):
        guessable = len(word) >= MIN_WORD and word not in STOP_WORDS and not word.isdigit()
        if guessable and word not in words:
            replacement = nearest_word(word, words)
            changed |= replacement != word
            word = replacement
        parts.append(word)
    return " ".join(parts) if changed else ""


def did_you_mean(backend, query: LotQuery) -> str:
    """A corrected text that finds lots with the query's other criteria, else ""."""
    candidate = corrected(query.text[:200], vocabulary(query.include_professional))
    if not candidate:
        return ""
    found = backend.search(replace(query, text=candidate, page=1, per_page=1))
    return candidate if found.total else ""
