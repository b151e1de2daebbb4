"""URL converters: numeric ids bounded to what every database can hold."""

from django.urls import register_converter


class IdConverter:
    """A positive id of at most 18 digits.

    Django's ``int`` accepts any length: a 21-digit id overflows SQLite's 64-bit integers
    (OverflowError, a 500) before the query can say "no such row". Eighteen digits stay below
    2**63 on every backend, so a longer one is simply a path that does not exist (404).
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class ReferenceConverter:
    """A voucher reference (BE-7KQ2-M9XD): letters, digits and dashes, at most 12.

    ``str`` let any character through, and PostgreSQL refuses a NUL byte in a query
    (DataError, a 500) where SQLite simply found nothing: /reservations/%00/ must be a 404.
    """

    regex = "[A-Za-z0-9-]{1,12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(ReferenceConverter, "reference")
