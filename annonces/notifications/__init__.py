"""Notifications: what the platform told a user, kept in their space."""
