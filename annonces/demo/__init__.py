"""Demo data of the network, loaded by `manage.py load_demo`.

Plain data (organisations, categories, lot templates) beside the few builders that
turn it into rows. Everything is drawn from a seeded `random.Random`, so two loads
on the same day give the same lots.
"""
