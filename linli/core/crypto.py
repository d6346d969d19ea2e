"""Encryption of personal-data fields (AES-256-GCM or SM4-GCM) and HMAC blind indexes.

A stored value is `<key id>:<base64(nonce || ciphertext || tag)>`. The associated data binds it
to table, column and row, so a ciphertext copied to another row or column does not decrypt.
"""

import base64
import functools
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from linli.core.crypto_keys import FieldKey, Keyring, build_keyring
from linli.core.normalize import normalize_identifier

NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    """A stored value could not be decrypted: wrong key, tampered data or wrong row."""


@functools.cache
def keyring() -> Keyring:
    return build_keyring(
        field_keys=settings.FIELD_KEYS,
        blind_index_key=settings.BLIND_INDEX_KEY,
        debug=settings.DEBUG,
        key_file=settings.FIELD_KEYS_FILE,
    )


def _associated_data(table: str, column: str, row: str) -> bytes:
    return f"{table}\x1f{column}\x1f{row}".encode()


@functools.lru_cache(maxsize=16)
def _aesgcm(secret: bytes) -> AESGCM:
    return AESGCM(secret)


def _seal(key: FieldKey, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    if key.algorithm == "aes-256-gcm":
        return _aesgcm(key.secret).encrypt(nonce, plaintext, aad)
    encryptor = Cipher(algorithms.SM4(key.secret), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    return encryptor.update(plaintext) + encryptor.finalize() + encryptor.tag


def _open(key: FieldKey, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    if key.algorithm == "aes-256-gcm":
        return _aesgcm(key.secret).decrypt(nonce, sealed, aad)
    body, tag = sealed[:-TAG_BYTES], sealed[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(key.secret), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(aad)
    return decryptor.update(body) + decryptor.finalize()


def encrypt(value: str, *, table: str, column: str, row: str, key: FieldKey | None = None) -> str:
    key = key or keyring().active
    nonce = os.urandom(NONCE_BYTES)
    sealed = _seal(key, nonce, value.encode(), _associated_data(table, column, row))
    return f"{key.key_id}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt(stored: str, *, table: str, column: str, row: str) -> str:
    key_id, _, encoded = stored.partition(":")
    key = keyring().by_id.get(key_id)
    if key is None or not encoded:
        raise DecryptionError(f"No key {key_id!r} to decrypt {table}.{column}.")
    try:
        raw = base64.b64decode(encoded, validate=True)
        plaintext = _open(key, raw[:NONCE_BYTES], raw[NONCE_BYTES:], _associated_data(table, column, row))
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError(f"{table}.{column} of row {row} does not decrypt.") from exc
    return plaintext.decode()


def key_id_of(stored: str) -> str:
    return stored.partition(":")[0]


def blind_index(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of the normalised value, keyed apart from the encryption keys, per purpose."""
    message = f"{purpose}\x1f{normalize_identifier(value)}".encode()
    return hmac.new(keyring().blind_index_secret, message, hashlib.sha256).hexdigest()


def encrypt_bytes(data: bytes, *, purpose: str) -> bytes:
    """A whole file (an uploaded register, a rejected-rows workbook) sealed under the active key."""
    key = keyring().active
    nonce = os.urandom(NONCE_BYTES)
    return key.key_id.encode() + b":" + nonce + _seal(key, nonce, data, purpose.encode())


def decrypt_bytes(stored: bytes, *, purpose: str) -> bytes:
    key_id, _, rest = stored.partition(b":")
    key = keyring().by_id.get(key_id.decode(errors="replace"))
    if key is None:
        raise DecryptionError(f"No key {key_id!r} for {purpose}.")
    try:
        return _open(key, rest[:NONCE_BYTES], rest[NONCE_BYTES:], purpose.encode())
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError(f"{purpose} does not decrypt.") from exc
