"""ISBN: cleaning, the check digits of both lengths, ISBN-10 → ISBN-13, messages that name the problem."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.lending import isbn


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("978-7-02-000220-7", "9787020002207"),
        ("ISBN 978 7 02 000220 7", "9787020002207"),
        ("９７８７０２０００２２０７", "9787020002207"),  # full-width digits
        ("7-02-000220-X", "9787020002207"),  # ISBN-10 of the same book (check digit X)
        ("7-02-000220-x", "9787020002207"),
        ("0-306-40615-2", "9780306406157"),
        (9787020002207, "9787020002207"),  # a number cell of a spreadsheet
    ],
)
def test_isbns_are_cleaned_checked_and_kept_as_13_digits(raw, expected):
    assert isbn.normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("9787020002208", "校验位不对：应为 7"),
        ("7-02-000220-9", "校验位不对：应为 X"),
        ("1234567890123", "应以978或979开头"),
        ("97870200022", "有 11 位"),
        ("", "空的"),
        ("97X7020002207", "X只能是十位ISBN的最后一位"),
    ],
)
def test_a_bad_isbn_says_what_is_wrong(raw, says):
    with pytest.raises(isbn.IsbnError) as exc:
        isbn.normalise(raw)
    assert says in str(exc.value.message)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_isbn10_becomes_a_valid_isbn13_of_the_same_book(first9):
    ten = first9 + isbn.check_digit_10(first9)
    thirteen = isbn.normalise(ten)
    assert thirteen == "978" + first9 + thirteen[-1]
    assert isbn.normalise(thirteen) == thirteen


@given(st.text(alphabet="0123456789", min_size=12, max_size=12).map(lambda s: "978" + s[3:]), st.integers(1, 9))
def test_any_changed_check_digit_is_refused(first12, shift):
    good = first12 + isbn.check_digit_13(first12)
    bad = good[:-1] + str((int(good[-1]) + shift) % 10)
    with pytest.raises(isbn.IsbnError):
        isbn.normalise(bad)
