"""The marketplace's domain errors: a rule refused the change, and the message says why."""


class DomainError(Exception):
    """A rule of the marketplace refused the change; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class LotError(DomainError):
    pass


class OrganisationError(DomainError):
    pass


class InvitationError(DomainError):
    pass


class ReservationError(DomainError):
    pass


class ReportError(DomainError):
    pass


class AccountError(DomainError):
    pass


class ConversationError(DomainError):
    pass
