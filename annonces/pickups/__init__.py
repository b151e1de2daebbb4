"""Pickups: opening hours, closures and the slots they make."""
