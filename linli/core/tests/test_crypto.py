import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from linli.core import crypto
from linli.core.crypto_keys import build_keyring, parse_field_keys


def test_roundtrip_and_key_id_prefix():
    stored = crypto.encrypt("11010519491231002X", table="t", column="c", row="1")
    assert stored.startswith("t1:") and "1101" not in stored
    assert crypto.decrypt(stored, table="t", column="c", row="1") == "11010519491231002X"


def test_same_value_encrypts_differently_each_time():
    assert crypto.encrypt("x", table="t", column="c", row="1") != crypto.encrypt("x", table="t", column="c", row="1")


@pytest.mark.parametrize(("table", "column", "row"), [("t", "c", "2"), ("t", "other", "1"), ("u", "c", "1")])
def test_ciphertext_moved_to_another_row_or_column_does_not_decrypt(table, column, row):
    stored = crypto.encrypt("13812345678", table="t", column="c", row="1")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(stored, table=table, column=column, row=row)


def test_tampered_or_unknown_key_is_an_error_never_the_ciphertext():
    stored = crypto.encrypt("13812345678", table="t", column="c", row="1")
    tampered = stored[:-4] + ("AAAA" if not stored.endswith("AAAA") else "BBBB")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered, table="t", column="c", row="1")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt("zz:" + stored.split(":", 1)[1], table="t", column="c", row="1")


def test_sm4_gcm_keys_work_and_old_keys_still_decrypt_after_rotation(settings):
    sm4 = "s2:sm4-gcm:" + base64.b64encode(b"s" * 16).decode()
    old = crypto.encrypt("13812345678", table="t", column="c", row="1")
    settings.FIELD_KEYS = f"{sm4},{settings.FIELD_KEYS}"
    crypto.keyring.cache_clear()
    try:
        new = crypto.encrypt("13812345678", table="t", column="c", row="1")
        assert new.startswith("s2:")
        assert crypto.decrypt(new, table="t", column="c", row="1") == crypto.decrypt(
            old, table="t", column="c", row="1"
        )
    finally:
        crypto.keyring.cache_clear()


def test_blind_index_normalises_and_separates_purposes():
    assert crypto.blind_index(" 11010519491231002x", purpose="id") == crypto.blind_index(
        "１１010519491231002X", purpose="id"
    )
    assert crypto.blind_index("13812345678", purpose="id") != crypto.blind_index("13812345678", purpose="phone")


def test_keys_are_required_without_debug(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="required"):
        build_keyring(field_keys="", blind_index_key="", debug=False, key_file=tmp_path / "k.json")


def test_wrong_key_length_is_refused():
    with pytest.raises(ImproperlyConfigured, match="32 bytes"):
        parse_field_keys("k1:aes-256-gcm:" + base64.b64encode(b"short").decode())
