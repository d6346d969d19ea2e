"""care's domain error: refused visits, plans and contacts change nothing."""

from linli.core.errors import DomainError


class CareError(DomainError):
    pass
