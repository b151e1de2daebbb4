"""PostgreSQL's COPY for the synthetic lots: no model instances, no per-value ORM work.

The ids are taken from the table's own sequence beforehand, so that the folded terms can be
written in the same pass; the columns not given take their field's default, as the ORM would.
"""

from collections.abc import Callable
from enum import Enum

from django.db import connection
from django.utils import timezone

from annonces.models import Lot
from search.models import LotTerms


def _column_defaults(model, given: set[str]) -> dict[str, object]:
    """The value of each column the rows do not give: default, or now for auto dates."""
    now = timezone.now()
    defaults = {}
    for field in model._meta.concrete_fields:
        if field.attname in given or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.column] = now
        elif field.has_default():
            defaults[field.column] = field.get_db_prep_save(field.get_default(), connection)
        elif field.null:
            defaults[field.column] = None
        else:
            defaults[field.column] = field.get_db_prep_save(field.get_default(), connection)
    return defaults


def _plain(value):
    return value.value if isinstance(value, Enum) else value


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def copy_lots(batch: list[dict], folded_terms: Callable[[str, str], dict]) -> None:
    """Write these lots (Lot field values by attname) and their folded terms."""
    fields = {field.attname: field.column for field in Lot._meta.concrete_fields}
    given = list(batch[0])
    defaults = _column_defaults(Lot, set(given))
    table = Lot._meta.db_table
    columns = ["id", *(fields[name] for name in given), *defaults]
    fixed = tuple(defaults.values())
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor: Django's wrapper has no copy()
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(batch)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        _copy(
            cursor,
            table,
            columns,
            (
                (pk, *(_plain(row[name]) for name in given), *fixed)
                for pk, row in zip(ids, batch, strict=True)
            ),
        )
        term_columns = ["lot_id", "title_terms", "terms", "title_folded", "title_words"]
        _copy(
            cursor,
            LotTerms._meta.db_table,
            term_columns,
            (
                (pk, *folded_terms(row["title"], row["description"]).values())
                for pk, row in zip(ids, batch, strict=True)
            ),
        )
