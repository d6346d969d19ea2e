"""Type aliases shared by the services and selectors of every module.

`Actor` is whoever acts: a signed-in user, or the anonymous user of a request (services refuse him
through the scope, which is empty). Commands and tests pass a `User`; views pass `request.user`."""

from django.contrib.auth.models import AbstractUser, AnonymousUser

# AbstractUser rather than AbstractBaseUser: scoping reads is_superuser, and linli's accounts are
# django.contrib.auth's User (a swapped model would extend AbstractUser too).
Actor = AbstractUser | AnonymousUser

__all__ = ["Actor"]
