"""Accounts: allauth's adapter and the second factor required of the network's staff."""
