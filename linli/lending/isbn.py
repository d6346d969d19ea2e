"""ISBN: cleaning what was typed or scanned, checking the check digit, and the one form kept
(ISBN-13; an ISBN-10 is turned into its 978- form). The messages name the problem."""

from django.utils.translation import gettext as _

from linli.core.errors import DomainError
from linli.core.normalize import to_halfwidth


class IsbnError(DomainError):
    code = "bad_isbn"


def clean(raw: object) -> str:
    """Digits (and a final X) only: spaces, hyphens, full-width digits and an ISBN prefix dropped."""
    text = to_halfwidth(str(raw or "")).upper().replace("ISBN", "")
    return "".join(ch for ch in text if ch.isdigit() or ch == "X")


def check_digit_10(first9: str) -> str:
    total = sum((10 - i) * int(d) for i, d in enumerate(first9))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def check_digit_13(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def normalise(raw: object) -> str:
    """The ISBN-13 of what was typed, or IsbnError saying what is wrong with it."""
    isbn = clean(raw)
    if not isbn:
        raise IsbnError(_("ISBN是空的。"), field="isbn")
    if "X" in isbn[:-1] or (len(isbn) == 13 and isbn.endswith("X")):
        raise IsbnError(_("ISBN中的X只能是十位ISBN的最后一位。"), field="isbn")
    if len(isbn) == 10:
        expected = check_digit_10(isbn[:9])
        if isbn[9] != expected:
            raise IsbnError(
                _("ISBN %(isbn)s 的校验位不对：应为 %(d)s。请核对是否抄错。") % {"isbn": isbn, "d": expected},
                field="isbn",
            )
        body = "978" + isbn[:9]
        return body + check_digit_13(body)
    if len(isbn) == 13:
        if not isbn.startswith(("978", "979")):
            raise IsbnError(_("十三位ISBN应以978或979开头，这个是 %(isbn)s。") % {"isbn": isbn}, field="isbn")
        expected = check_digit_13(isbn[:12])
        if isbn[12] != expected:
            raise IsbnError(
                _("ISBN %(isbn)s 的校验位不对：应为 %(d)s。请核对是否抄错。") % {"isbn": isbn, "d": expected},
                field="isbn",
            )
        return isbn
    raise IsbnError(_("ISBN应是10位或13位数字，这个有 %(n)d 位。") % {"n": len(isbn)}, field="isbn")


def display(isbn13: str) -> str:
    """978-7-…: the prefix apart, the rest as stored (the group split needs the agency's ranges)."""
    return f"{isbn13[:3]}-{isbn13[3:]}" if len(isbn13) == 13 else isbn13
