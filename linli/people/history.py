"""A record's change history (django-simple-history) as a person reads it: who, when, what changed.
Encrypted fields show that they changed, never their values."""

from django.utils.translation import gettext as _

HIDDEN = {"version", "updated_at", "created_at", "uid", "name_pinyin", "name_abbr", "name_shengmu"}
SECRET = {
    "id_number_enc": _("身份证号"),
    "phone_enc": _("电话"),
    "id_number_bidx": None,
    "phone_bidx": None,
    "phone_last4": None,
}


def who(user) -> str:
    """Who made a change: the account's name, or — when the row has no user, because a script saved it
    or the account was deleted since (the link is then cleared) — one label for both."""
    if user is None:
        return _("系统或已删除的账号")
    return user.get_full_name() or user.username


def _account(user_id) -> str:
    """The resident's linked account (Resident.user) by its name, not its row number."""
    if user_id is None:
        return _("（无）")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).only("username").first()
    return user.username if user else _("已删除的账号")


def _label(model, field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since
        return field_name


def _changes(older, newer):
    # simple_history's diff_against skips non-editable fields, and the encrypted ones are such.
    for field in older.tracked_fields:
        old, new = getattr(older, field.attname), getattr(newer, field.attname)
        if old != new:
            yield field.name, old, new


def history_entries(obj, limit: int = 50) -> list[dict]:
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if newer is records[-1] and len(records) > limit:
            break
        changes = []
        if older is not None:
            for name, old, new in _changes(older, newer):
                if name in HIDDEN or (name in SECRET and SECRET[name] is None):
                    continue
                if name in SECRET:
                    changes.append({"field": SECRET[name], "old": "", "new": _("（已修改，内容不显示）")})
                    continue
                if name == "user":
                    changes.append({"field": _("关联账号"), "old": _account(old), "new": _account(new)})
                    continue
                changes.append({"field": _label(obj, name), "old": old, "new": new})
        entries.append(
            {
                "at": newer.history_date,
                "user": newer.history_user,
                "who": who(newer.history_user),
                "kind": {"+": _("新建"), "~": _("修改"), "-": _("删除")}[newer.history_type],
                "changes": changes,
            }
        )
    return entries
