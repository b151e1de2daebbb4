"""Index versions behind an alias: create, bulk load, swap, reconcile, apply the outbox."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, scan, streaming_bulk

from annonces.models import Lot

from .backends.database import category_ancestors
from .documents import LotDocument
from .models import IndexOutbox

BULK_CHUNK = 1000
# A rebuild's load: bigger requests, the lots read 5,000 at a time from a server-side cursor
# (iterator() on PostgreSQL). Not parallel_bulk: its pool reads the actions in a thread of
# its own, that is through another database connection, which does not see the caller's
# transaction (the tests') and would need one more connection per rebuild.
REBUILD_CHUNK = 2000
REBUILD_READ_CHUNK = 5000
ADMIN_TIMEOUT = 120  # seconds
# How long before a rebuild's start a change may have taken its `updated_at` and still be
# committed after the load read its lot (a save's transaction lasts milliseconds).
CATCH_UP_MARGIN = timedelta(minutes=10)


class _Load:
    """What a rebuild loaded: every lot id (one byte per id, a megabyte for a million) and
    the version of the recent ones, so that the catch-up re-sends only what changed."""

    def __init__(self, recent_from: int):
        self.recent_from = recent_from
        self.loaded = bytearray()
        self.recent: dict[int, int] = {}
        self.done = 0

    def add(self, pk: int, version: int) -> None:
        self.done += 1
        if pk >= len(self.loaded):
            self.loaded.extend(bytes(max(pk + 1 - len(self.loaded), len(self.loaded))))
        self.loaded[pk] = 1
        if version >= self.recent_from:
            self.recent[pk] = version

    def deleted(self) -> list[int]:
        """The loaded lots no longer in the database (deleted while the load ran)."""
        existing = bytearray(len(self.loaded))
        for pk in Lot.objects.filter(pk__lt=len(self.loaded)).values_list("pk", flat=True):
            existing[pk] = 1
        return [pk for pk, was in enumerate(self.loaded) if was and not existing[pk]]


def lots_to_index():
    return Lot.objects.visible().select_related("organisation").order_by("pk")


def version_of(updated_at) -> dict:
    """The document's version is the lot's last change: a write of an older state, by a
    worker that read the lot before another applied a newer one, is refused by the node,
    and writing the same state twice changes nothing (external_gte)."""
    return {"version": int(updated_at.timestamp() * 1_000_000), "version_type": "external_gte"}


def actions(index: str, lots: Iterable[Lot]) -> Iterator[dict]:
    ancestors = category_ancestors()
    for lot in lots:
        document = LotDocument.from_lot(lot, ancestors.get(lot.category_id, [lot.category_id]))
        yield {
            "_op_type": "index",
            "_index": index,
            **version_of(lot.updated_at),
            **document.to_dict(include_meta=True),
        }


# A deletion of a document never indexed (404), or a write older than the document
# (409, version conflict), leaves the index as it should be.
HARMLESS = {404, 409}


@dataclass
class Reconciliation:
    missing: list[int] = field(default_factory=list)  # visible in the database, not in the index
    stale: list[int] = field(default_factory=list)  # in both, the index older than the lot
    extra: list[int] = field(default_factory=list)  # in the index, no longer visible

    @property
    def differences(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)


class LotIndex:
    """The lots' index: versioned names `<alias>-<timestamp>`, searched through the alias."""

    def __init__(self, client: Elasticsearch, alias: str):
        # Searches wait a short time; index administration (bulk loads, refreshes of a
        # large index, deletions) may take far longer and must not be cut short. The outbox
        # is applied on its own short timeout: a hung node must not hold a worker (or, with
        # the immediate task backend, a web request) for two minutes.
        self.client = client.options(request_timeout=ADMIN_TIMEOUT)
        self.writer = client.options(request_timeout=settings.ELASTICSEARCH_WRITE_TIMEOUT)
        self.alias = alias

    @staticmethod
    def _live_settings() -> dict:
        return {"number_of_replicas": settings.ELASTICSEARCH_REPLICAS, "refresh_interval": "1s"}

    def create_version(self) -> str:
        """A new empty index with the lot mapping, not yet behind the alias."""
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        index = LotDocument._index.clone(name)
        index.settings(number_of_shards=1, **self._live_settings())
        index.create(using=self.client)
        return name

    def current_versions(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def ensure(self) -> None:
        """Create the first version behind the alias if there is none."""
        if not self.current_versions():
            self.swap_to(self.create_version())

    def swap_to(self, name: str) -> None:
        """Point the alias at `name` in one atomic step, then drop the older versions."""
        old = self.current_versions()
        removals = [{"remove": {"index": o, "alias": self.alias}} for o in old]
        self.client.indices.update_aliases(
            actions=[*removals, {"add": {"index": name, "alias": self.alias}}]
        )
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Load every visible lot into a new version, then swap: searches never see a gap.

        While the load runs the outbox keeps writing to the alias, that is to the old
        version: the lots changed meanwhile are written again into the new version before
        the swap, and once more after it for those changed in between, so no change is lost
        with the old version (versioned writes make a repeated one harmless).
        """
        started = timezone.now()
        name = self.create_version()
        # Replicas and refreshes are costs a bulk load does without.
        self.client.indices.put_settings(
            index=name, settings={"refresh_interval": "-1", "number_of_replicas": 0}
        )
        lots = lots_to_index()
        total = lots.count()
        load = _Load(recent_from=version_of(started - CATCH_UP_MARGIN)["version"])
        for _ok, item in streaming_bulk(
            self.client,
            actions(name, lots.iterator(chunk_size=REBUILD_READ_CHUNK)),
            chunk_size=REBUILD_CHUNK,
        ):
            load.add(int(item["index"]["_id"]), item["index"]["_version"])
            if progress and (load.done % REBUILD_CHUNK == 0 or load.done == total):
                progress(load.done, total)
        self.client.indices.put_settings(index=name, settings=self._live_settings())
        caught_up = timezone.now()
        self._catch_up(name, load, changed_since=started)
        self.client.indices.refresh(index=name)
        self.swap_to(name)
        self._catch_up(self.alias, load, changed_since=caught_up, deleted=load.deleted())
        return load.done

    def _catch_up(self, index: str, load: "_Load", changed_since, deleted=()) -> None:
        """Write again into `index` the lots changed since then that the load did not take
        in their present state, and delete the lots gone from the database."""
        since = changed_since - CATCH_UP_MARGIN
        changed = Lot.objects.filter(updated_at__gte=since)
        visible = set(lots_to_index().filter(updated_at__gte=since).values_list("pk", flat=True))
        resend = {
            pk
            for pk, updated_at in changed.values_list("pk", "updated_at")
            if (pk in visible or pk in load.recent)
            and load.recent.get(pk) != version_of(updated_at)["version"]
        }
        if resend or deleted:
            self.index_lots(resend | set(deleted), into=index)

    def index_lots(
        self,
        lot_ids: Iterable[int],
        client: Elasticsearch | None = None,
        into: str | None = None,
    ) -> None:
        """Bring these lots' documents up to date: index the visible, delete the others.

        Raises BulkIndexError if the node refused any of them, so that their outbox rows stay.
        """
        lot_ids = set(lot_ids)
        index = into or self.alias
        visible = list(lots_to_index().filter(pk__in=lot_ids))
        hidden = dict(
            Lot.objects.filter(pk__in=lot_ids - {lot.pk for lot in visible}).values_list(
                "pk", "updated_at"
            )
        )
        deletions = [
            {"_op_type": "delete", "_index": index, "_id": pk}
            | (version_of(hidden[pk]) if pk in hidden else {})
            for pk in sorted(lot_ids - {lot.pk for lot in visible})
        ]
        failed = []
        for ok, item in streaming_bulk(
            client or self.client,
            [*actions(index, visible), *deletions],
            chunk_size=BULK_CHUNK,
            raise_on_error=False,
            raise_on_exception=True,
            refresh="wait_for",
        ):
            (result,) = item.values()
            if not ok and result.get("status") not in HARMLESS:
                failed.append(item)
        if failed:
            raise BulkIndexError(f"{len(failed)} document(s) refused by Elasticsearch.", failed)

    def apply_outbox(self, batch: int = 500) -> int:
        """Apply the queued updates; each row is deleted only once its update is in the index.

        A worker killed mid-batch holds its rows in a transaction that dies with it: they are
        applied again by the next drain, and the versioned writes make that harmless.
        """
        applied = 0
        while True:
            with transaction.atomic():
                # skip_locked: two workers never take the same rows.
                rows = list(
                    IndexOutbox.objects.select_for_update(skip_locked=True).order_by("pk")[:batch]
                )
                if not rows:
                    return applied  # an empty outbox costs the engine nothing
                if not applied and not self.writer.indices.exists_alias(name=self.alias):
                    self.ensure()
                self.index_lots((row.lot_id for row in rows), client=self.writer)
                IndexOutbox.objects.filter(pk__in=[row.pk for row in rows]).delete()
                applied += len(rows)

    def indexed_versions(self) -> dict[int, str]:
        """Each indexed lot's id and the update time its document carries."""
        return {
            int(hit["_id"]): hit["_source"].get("updated_at", "")
            for hit in scan(
                self.client,
                index=self.alias,
                _source=["updated_at"],
                query={"query": {"match_all": {}}},
            )
        }

    def reconcile(self, repair: bool = False) -> Reconciliation:
        """Compare the index with the database; with repair, make the index right."""
        self.ensure()
        indexed = self.indexed_versions()
        report = Reconciliation()
        for pk, updated_at in lots_to_index().values_list("pk", "updated_at").iterator():
            stamp = indexed.pop(pk, None)
            if stamp is None:
                report.missing.append(pk)
            elif stamp != updated_at.isoformat():
                report.stale.append(pk)
        report.extra = sorted(indexed)
        if repair and report.differences:
            self.index_lots([*report.missing, *report.stale, *report.extra])
        return report

    def drop(self) -> None:
        for index in self.current_versions():
            self.client.indices.delete(index=index, ignore_unavailable=True)
