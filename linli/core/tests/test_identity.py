import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.core.identity import (
    InvalidIdentity,
    check_char,
    mask_id_number,
    mask_name,
    mask_phone,
    normalize_phone,
    parse_id_number,
)


def test_design_examples_are_valid_and_give_birth_date_and_gender():
    card = parse_id_number("11010519491231002X")
    assert (card.birth_date, card.gender) == (dt.date(1949, 12, 31), "F")
    assert parse_id_number("440524188001010014").gender == "M"


def test_fullwidth_digits_spaces_and_lowercase_x_are_normalised():
    assert parse_id_number(" １１０１０５ 19491231002x ").number == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("11010519491231002Y", "18位"),
        ("110105194912310021", "校验位"),
        ("110105194902300029", "出生日期"),
        ("990105194912310025", "省级"),
        ("11010520991231002X", "不合理"),
        ("1101051949123100", "18位"),
    ],
)
def test_invalid_numbers_are_refused_with_the_reason(number, says):
    if says == "不合理":
        number = number[:17] + check_char(number[:17])
    with pytest.raises(InvalidIdentity, match=says):
        parse_id_number(number, today=dt.date(2026, 11, 23))


def test_a_county_code_that_no_longer_exists_is_accepted():
    first17 = "44062319800101001"  # 顺德 as it was coded before 2003
    assert parse_id_number(first17 + check_char(first17)).number.startswith("440623")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)), st.integers(0, 999))
def test_any_number_with_the_computed_check_character_parses(birth, sequence):
    first17 = f"110105{birth:%Y%m%d}{sequence:03d}"
    card = parse_id_number(first17 + check_char(first17))
    assert card.birth_date == birth and card.gender == ("M" if sequence % 2 else "F")


@pytest.mark.parametrize("raw", ["+86 138-1234-5678", "008613812345678", "138 1234 5678", "１３８１２３４５６７８"])
def test_phone_numbers_are_normalised(raw):
    assert normalize_phone(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["12345", "23812345678", "1381234567a", ""])
def test_malformed_phone_numbers_are_refused(raw):
    with pytest.raises(InvalidIdentity, match="电话号码"):
        normalize_phone(raw)


def test_masks_keep_only_what_design_md_shows():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
