"""convenience's domain error: a refused order, ledger line or record changes nothing."""

from linli.core.errors import ConflictError, DomainError


class ServiceError(DomainError):
    pass


class LedgerLocked(ConflictError):
    """A line of a ledger the resident (or proxy) has confirmed: never edited, only countered."""
