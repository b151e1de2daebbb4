"""Structures: requests, validation by the network, invitations, members, the public page."""
