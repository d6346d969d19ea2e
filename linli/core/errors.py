"""Domain errors: one base the views and the API map to a form error, a 409 or a 400."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # django-stubs names the lazy str _StrPromise (what messages and forms accept)
    from django.utils.functional import _StrPromise as LazyStr
else:
    from django.utils.functional import Promise as LazyStr

StrOrPromise = str | LazyStr  # a message, or a lazy translation of one


class DomainError(Exception):
    """A refused action. `field` names the input at fault (for inline errors), `code` is stable."""

    code: str = "invalid"
    status = 400

    def __init__(self, message: StrOrPromise, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code

    def as_fields(self) -> dict[str, list[StrOrPromise]]:
        return {self.field: [self.message]} if self.field else {}


class ConflictError(DomainError):
    """Someone else changed the record since it was read (optimistic locking)."""

    code = "conflict"
    status = 409


class PermissionDeniedError(DomainError):
    code = "forbidden"
    status = 403
