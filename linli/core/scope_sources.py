"""What users' scopes are built from, and touching those users when it is written (see
core/scope_stamps.py for why). Imports no other linli module: the tenant queryset builds on it."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models.signals import post_save, pre_delete, pre_save


@dataclass(frozen=True)
class Source:
    user_path: str  # "user_id", or a lookup through a relation ("leader__user_id")
    fields: frozenset[str]  # a write that changes none of these leaves scopes as they are

    @property
    def direct(self) -> bool:
        return "__" not in self.user_path


_sources: dict[type[models.Model], Source] = {}


def watch(model: type[models.Model], user_path: str = "user_id", fields: Iterable[str] = ("user",)) -> None:
    """Scopes are built from `model`'s rows: writing one touches the users `user_path` leads to."""
    source = Source(user_path, frozenset(fields) | {"community"})
    _sources[model] = source
    uid = f"linli-scope-{model._meta.label}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_after_save, sender=model, dispatch_uid=uid + "-post")
    pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid + "-del")


def source_of(model: type[models.Model]) -> Source | None:
    return _sources.get(model)


def touch(user_ids: Iterable[int | None]) -> None:
    """New tokens for these users: their sessions rebuild their scopes on the next request."""
    AccessStamp = apps.get_model("core", "AccessStamp")
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return
    token = secrets.token_hex(8)
    stamps = AccessStamp.objects.filter(user_id__in=ids)
    existing = set(stamps.values_list("user_id", flat=True))
    stamps.update(token=token)
    AccessStamp.objects.bulk_create(
        [AccessStamp(user_id=i, token=token) for i in ids - existing], ignore_conflicts=True
    )


def user_ids_of(model: type[models.Model], pks: Iterable[int]) -> set[int]:
    source = _sources[model]
    rows = model._base_manager.filter(pk__in=list(pks)).exclude(**{source.user_path: None})
    return set(rows.values_list(source.user_path, flat=True))


def _relevant(source: Source, update_fields) -> bool:
    return update_fields is None or bool(source.fields & {f.removesuffix("_id") for f in update_fields})


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    source = _sources[sender]
    if raw or instance._state.adding or instance.pk is None or not _relevant(source, update_fields):
        return
    instance._linli_scope_users = user_ids_of(sender, [instance.pk])  # who it led to before the change


def _after_save(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    source = _sources[sender]
    if raw or not _relevant(source, update_fields):
        return
    before: set[int] = getattr(instance, "_linli_scope_users", set())
    now = {getattr(instance, source.user_path)} if source.direct else user_ids_of(sender, [instance.pk])
    touch(before | now)


def _before_delete(sender, instance, **kwargs) -> None:
    touch(user_ids_of(sender, [instance.pk]))


class StampedQuerySetMixin:
    """The queryset writes that bypass save() and delete() touch the users of the rows they change."""

    def _scope_source(self) -> Source | None:
        return _sources.get(self.model)  # type: ignore[attr-defined]

    def update(self, **kwargs):
        source = self._scope_source()
        if source is None or not (source.fields & {k.removesuffix("_id") for k in kwargs}):
            return super().update(**kwargs)  # type: ignore[misc]
        pks = list(self.values_list("pk", flat=True))  # type: ignore[attr-defined]
        before = user_ids_of(self.model, pks)  # type: ignore[attr-defined]
        done = super().update(**kwargs)  # type: ignore[misc]
        touch(before | user_ids_of(self.model, pks))  # type: ignore[attr-defined]
        return done

    def delete(self):
        if self._scope_source() is not None:
            touch(user_ids_of(self.model, self.values_list("pk", flat=True)))  # type: ignore[attr-defined]
        return super().delete()  # type: ignore[misc]

    def bulk_create(self, objs, *args, **kwargs):
        source = self._scope_source()
        created = super().bulk_create(objs, *args, **kwargs)  # type: ignore[misc]
        if source is not None:
            if source.direct:
                touch(getattr(obj, source.user_path) for obj in created)
            else:
                touch(user_ids_of(self.model, [obj.pk for obj in created if obj.pk is not None]))  # type: ignore[attr-defined]
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        source = self._scope_source()
        if source is None or not (source.fields & {f.removesuffix("_id") for f in fields}):
            return super().bulk_update(objs, fields, *args, **kwargs)  # type: ignore[misc]
        objs = list(objs)
        pks = [obj.pk for obj in objs]
        before = user_ids_of(self.model, pks)  # type: ignore[attr-defined]
        done = super().bulk_update(objs, fields, *args, **kwargs)  # type: ignore[misc]
        touch(before | user_ids_of(self.model, pks))  # type: ignore[attr-defined]
        return done
