from django.core.management.base import BaseCommand

from ._backend import required_backend


class Command(BaseCommand):
    help = "Compare the index with the database and report the differences; --repair fixes them."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Make the index right.")

    def handle(self, *args, repair=False, **options):
        report = required_backend().index.reconcile(repair=repair)
        self.stdout.write(
            f"missing: {len(report.missing)}, stale: {len(report.stale)}, "
            f"extra: {len(report.extra)}"
        )
        if report.differences:
            for label, ids in (
                ("missing", report.missing),
                ("stale", report.stale),
                ("extra", report.extra),
            ):
                if ids:
                    self.stdout.write(
                        f"  {label}: {', '.join(map(str, ids[:20]))}{' …' if len(ids) > 20 else ''}"
                    )
            self.stdout.write("Repaired." if repair else "Run with --repair to fix them.")
        else:
            self.stdout.write("The index matches the database.")
