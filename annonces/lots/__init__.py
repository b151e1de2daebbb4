"""Lots: posting, photos, moderation, expiry, the list and the lot page."""
