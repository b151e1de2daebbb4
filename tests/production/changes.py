"""`python -m tests.production.changes`: the fault run's stream of lot changes.

Runs beside the production stack with its settings, as a staff member's edits would: each
`Lot.save()` writes the lot, its outbox row and enqueues the drain, as the site's edit form
does. It edits each visible lot in turn (a random order), so each edit has its own title,
at the rate read from its standard input (changes per second, 0 to pause), and prints one
JSON line per edit once its transaction committed: {"lot", "title", "at"}, or {"error"}
when the database refused (PostgreSQL restarting): that edit was not made.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import django


def main() -> None:
    django.setup()
    from django.db import DatabaseError, connection, transaction

    from annonces.models import Lot

    rate = {"per_second": 0.0}

    def read_rates() -> None:
        for line in sys.stdin:
            rate["per_second"] = float(line)

    threading.Thread(target=read_rates, daemon=True).start()
    ids = list(Lot.objects.visible().order_by("?").values_list("pk", flat=True))
    number = 0
    while True:
        per_second = rate["per_second"]  # read once: the parent may change it meanwhile
        if per_second <= 0:
            time.sleep(0.1)
            continue
        started = time.monotonic()
        pk = ids[number % len(ids)]  # round again once every lot was edited
        number += 1
        title = f"Lot modifié faultrun{number:06d}"
        try:
            # In one transaction, as the site's services save: the lot and its outbox row
            # (written by a post_save receiver) commit together or not at all.
            with transaction.atomic():
                lot = Lot.objects.select_for_update().get(pk=pk)
                lot.title = title
                lot.save()
        except DatabaseError as error:
            connection.close()  # a new one at the next edit, once the server is back
            print(json.dumps({"error": str(error).splitlines()[0]}), flush=True)
        else:
            print(json.dumps({"lot": pk, "title": title, "at": time.time()}), flush=True)
        time.sleep(max(0.0, 1 / per_second - (time.monotonic() - started)))


if __name__ == "__main__":
    main()
