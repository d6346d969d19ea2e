"""Loading the field-encryption keyring: from the environment, or generated into var/ for the demo."""

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

ALGORITHMS = {"aes-256-gcm": 32, "sm4-gcm": 16}


@dataclass(frozen=True)
class FieldKey:
    key_id: str
    algorithm: str
    secret: bytes


@dataclass(frozen=True)
class Keyring:
    active: FieldKey
    by_id: dict[str, FieldKey]
    blind_index_secret: bytes


def load_or_create_demo_secret(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        os.chmod(path, 0o600)
    return path.read_text().strip()


def parse_field_keys(spec: str) -> list[FieldKey]:
    """`id:algorithm:base64, ...`; the first key encrypts, all of them decrypt."""
    keys = []
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        try:
            key_id, algorithm, encoded = item.split(":", 2)
            secret = base64.b64decode(encoded, validate=True)
        except ValueError as exc:
            raise ImproperlyConfigured(f"LINLI_FIELD_KEYS entry is not id:algorithm:base64 ({exc}).") from exc
        if algorithm not in ALGORITHMS:
            raise ImproperlyConfigured(f"Unknown field-encryption algorithm {algorithm!r}.")
        if len(secret) != ALGORITHMS[algorithm]:
            raise ImproperlyConfigured(f"Key {key_id} must be {ALGORITHMS[algorithm]} bytes for {algorithm}.")
        if not key_id.isalnum():
            raise ImproperlyConfigured(f"Key id {key_id!r} must be letters and digits only.")
        keys.append(FieldKey(key_id, algorithm, secret))
    return keys


def _demo_key_file(path: Path) -> tuple[str, str]:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "field_keys": "d1:aes-256-gcm:" + base64.b64encode(secrets.token_bytes(32)).decode(),
            "blind_index_key": base64.b64encode(secrets.token_bytes(32)).decode(),
        }
        path.write_text(json.dumps(data, indent=2))
        os.chmod(path, 0o600)
    data = json.loads(path.read_text())
    return data["field_keys"], data["blind_index_key"]


def build_keyring(*, field_keys: str, blind_index_key: str, debug: bool, key_file: Path) -> Keyring:
    if not field_keys or not blind_index_key:
        if not debug:
            raise ImproperlyConfigured(
                "LINLI_FIELD_KEYS and LINLI_BLIND_INDEX_KEY are required when DEBUG is off (docs/DEPLOY.md)."
            )
        field_keys, blind_index_key = _demo_key_file(key_file)
    keys = parse_field_keys(field_keys)
    if not keys:
        raise ImproperlyConfigured("LINLI_FIELD_KEYS holds no key.")
    blind = base64.b64decode(blind_index_key)
    if len(blind) < 32:
        raise ImproperlyConfigured("LINLI_BLIND_INDEX_KEY must be at least 32 bytes.")
    return Keyring(active=keys[0], by_id={k.key_id: k for k in keys}, blind_index_secret=blind)
