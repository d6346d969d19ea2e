"""The bell of the console's shell: the unread count, computed only when a page draws it."""

from django.utils.functional import SimpleLazyObject


def bell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from linli.messaging.selectors import unread_count

        return unread_count(user.pk)

    return {"unread_messages": SimpleLazyObject(count)}
