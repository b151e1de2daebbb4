"""Reservations: requests, answers, pickups, the voucher, their e-mails and admin screens."""
