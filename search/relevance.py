"""What lifts a lot above the others for a text: whole words of its title, the phrase.

Stemming alone makes "porte" match "porte-bagages" (a bike's rack) as well as a door:
both backends therefore also compare the title's *whole* words, where a hyphenated
compound stays one word, and reward the query's words found side by side.
"""

import re

from .text import STOP_WORDS, fold, stem

# Folded words; a hyphen inside a word makes one compound ("porte-bagages").
_WHOLE_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

WHOLE_WORD_BONUS = 10.0  # per query word that is a whole word of the title
PHRASE_BONUS = 5.0  # the query's words side by side in the title, in order


def whole_words(text: str) -> list[str]:
    """The title's words as compared whole: simple words stemmed, compounds kept entire."""
    words = []
    for word in _WHOLE_WORD.findall(fold(text)):
        if "-" in word:
            words.append(word)
        elif word not in STOP_WORDS:
            words.append(stem(word))
    return list(dict.fromkeys(words))
