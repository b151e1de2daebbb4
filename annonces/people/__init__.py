"""People: display names, the profile page, deleting one's account and downloading one's data."""
