"""French typography in one place: elision after "de", "1er", non-breaking spaces.

Templates reach it through reemploi/templatetags/french.py: `{{ city|de }}`, `|typo`, and
the `date` filter itself, which writes "1er décembre" in French (settings TEMPLATES builtins).
"""

import re
import unicodedata

from django.utils import formats, translation
from django.utils.formats import get_format

NBSP = "\u00a0"  # before « : » and inside « … »
NNBSP = "\u202f"  # the narrow one, before ; ? ! (Imprimerie nationale)

# Words whose h is mute (elided: "d'Hôtel", "l'Haÿ"); every other h is aspirated ("de Haute…").
_MUTE_H = ("haÿ", "hay-", "hôpital", "hôtel", "habitat", "histoire", "homme", "herbe", "hermitage")


def _starts_with_vowel_sound(word: str) -> bool:
    bare = unicodedata.normalize("NFD", word).encode("ascii", "ignore").decode().lower()
    if not bare:
        return False
    if bare[0] in "aeiouy":
        return True
    return word.lower().startswith(_MUTE_H)


def de(name: str) -> str:
    """'de' before a name: "d'Ivry-sur-Seine", "de Vitry", "du Kremlin-Bicêtre", "des Ulis"."""
    name = (name or "").strip()
    if not name:
        return ""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    if _starts_with_vowel_sound(name):
        return f"d'{name}"
    return f"de {name}"


def french_date_format(value, arg: str) -> str:
    """The date format to use: the same, with the first day of a month "1er" in French."""
    language = translation.get_language() or ""
    if not language.startswith("fr") or getattr(value, "day", None) != 1:
        return arg
    if re.fullmatch(r"[A-Z_]+", arg):  # a format's name, e.g. "DATE_FORMAT"
        arg = get_format(arg)
    return re.sub(r"(?<!\\)j", r"\\1\\e\\r", arg)


_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0]?:(?=\s|$)")
_BEFORE_TALL = re.compile(r"(?<=[^\s\d])[ \u00a0\u202f]?([;?!])(?=\s|$|[»\"'])")
_GUILLEMETS_OPEN = re.compile(r"«[ \u00a0]?")
_GUILLEMETS_CLOSE = re.compile(r"[ \u00a0]?»")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?![\d,])")


_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")


def typo(text: str) -> str:
    """Non-breaking spaces where French puts them: before : ; ? !, inside « », in 12 500.

    Tags and entities of HTML given are left alone: only the text between them changes.
    """
    if not text:
        return text
    return "".join(
        part if _MARKUP.fullmatch(part) else _typo_text(part) for part in _MARKUP.split(text)
    )


def _typo_text(text: str) -> str:
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_TALL.sub(lambda m: NNBSP + m.group(1), text)
    text = _GUILLEMETS_OPEN.sub("«" + NBSP, text)
    text = _GUILLEMETS_CLOSE.sub(NBSP + "»", text)
    return _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", NNBSP), text)


def format_date(value, arg: str) -> str:
    """Django's formats.date_format for Python code, with "1er" as the date filter writes it."""
    return formats.date_format(value, french_date_format(value, arg))
