"""A community's case settings kept as rows: Open311 keys and the trained suggestion model."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel


class Open311Key(TenantModel):
    """An API key for Open311 clients of one community. Only its SHA-256 is stored."""

    name = models.CharField(_("用途/使用方"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, db_index=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("Open311密钥")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["community", "digest"], name="open311key_unique_digest")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        from linli.cases.permissions import MANAGE_CASE_SETTINGS

        return Q(community_id__in=[c for c, p in scope.perms.items() if MANAGE_CASE_SETTINGS in p])

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, community, name: str, user=None) -> tuple["Open311Key", str]:
        key = "o311_" + secrets.token_urlsafe(24)
        row = cls.objects.create(
            community=community, name=name, prefix=key[5:11], digest=cls.digest_of(key), created_by=user
        )
        return row, key


class SuggestionModel(TenantModel):
    """The community's category classifier, trained from the cases staff confirmed. The pickled
    pipeline is signed (HMAC) so that only what this deployment trained is ever unpickled."""

    trained_at = models.DateTimeField(default=timezone.now)
    samples = models.PositiveIntegerField()
    accuracy = models.FloatField(null=True, blank=True)  # on held-out cases at training time
    blob = models.BinaryField()
    signature = models.CharField(max_length=64)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community"], name="suggestionmodel_one_per_community")]

    def __str__(self) -> str:
        return f"{self.community_id} {self.trained_at:%Y-%m-%d}"
