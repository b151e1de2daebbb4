"""Phone numbers and e-mail addresses hidden from a message typed before an accepted
reservation: the platform keeps the exchange until the structure has said yes."""

import re

from django.utils.translation import gettext_lazy as _

MASK = _("[coordonnées masquées jusqu'à l'acceptation]")

_EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# French numbers however they are typed (06 12 34 56 78, 06.12.34.56.78, +33 6 12…), and any
# other run of nine digits or more with separators: a foreign number is a number too.
_PHONE = re.compile(r"(?:\+|00)?\d(?:[\s.\-/]?\d){8,}")


def mask_contacts(text: str) -> str:
    """The text with every e-mail address and phone number replaced by the notice."""
    text = _EMAIL.sub(str(MASK), text)
    return _PHONE.sub(str(MASK), text)


def has_contacts(text: str) -> bool:
    return bool(_EMAIL.search(text) or _PHONE.search(text))
