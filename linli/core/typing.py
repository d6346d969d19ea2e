"""Type aliases shared by the services and selectors of every module.

`Actor` is whoever acts: a signed-in user, or the anonymous user of a request (services refuse him
through his scope, which is empty). Commands and tests pass a `User`; views pass `request.user`.
`Account` is a signed-in user only: what an access-log row or an event names as its actor.

linli's accounts are django.contrib.auth's `User` (AUTH_USER_MODEL is not swapped); these two lines
are the place to change if it ever is."""

from django.contrib.auth.models import AnonymousUser, User

Account = User
Actor = User | AnonymousUser


def account_of(actor: "Actor | None") -> User | None:
    """The signed-in account behind an actor, for a row's `*_by` or `actor` column (None for the
    anonymous user, whom the services refuse before they write anything)."""
    return actor if isinstance(actor, User) else None


__all__ = ["Account", "Actor", "account_of"]
