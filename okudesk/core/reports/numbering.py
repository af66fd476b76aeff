"""Document numbers: ``B/<no>/<Roman month>/<classification code>/<year>/<post code>``.

The sequence (``number_sequence``, kind ``report``) is per post and year and never
repeats; the post code is always part of the number, because posts number offline and
two posts would otherwise hand out the same number (sync guide #1).
"""

from __future__ import annotations

import string
from datetime import date

from sqlalchemy.orm import Session

from okudesk.core.errors import ValidationError
from okudesk.core.i18n import _
from okudesk.core.records import numbering

SEQUENCE_KIND = "report"
# Security class -> the letter that opens the number (Perkap 1/2023).
SECURITY_CLASSES = {"Biasa": "B", "Terbatas": "T", "Rahasia": "R", "Sangat Rahasia": "SR"}
DEFAULT_TEMPLATE = "{sec}/{no}/{month}/{class}/{year}/{code}"
FIELDS = {"sec", "no", "month", "class", "year", "code"}
REQUIRED = {"no", "year", "code"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def roman_month(month: int) -> str:
    return ROMAN[month - 1]


def validate_template(template: str) -> str:
    try:
        used = {
            name
            for _text, name, _spec, _conv in string.Formatter().parse(template)
            if name is not None
        }
    except ValueError as exc:
        raise ValidationError(
            _("Pola nomor tidak sah: {reason}", reason=exc), "number_template"
        ) from exc
    unknown = used - FIELDS
    missing = REQUIRED - used
    if unknown or missing:
        raise ValidationError(
            _(
                "Pola nomor harus memuat {{no}}, {{year}} dan {{code}}, dan hanya kolom {fields}",
                fields=", ".join("{" + f + "}" for f in sorted(FIELDS)),
            ),
            "number_template",
        )
    return template


def format_number(
    template: str,
    *,
    no: int | str,
    when: date,
    class_code: str,
    post_code: str,
    security_class: str = "Biasa",
) -> str:
    return validate_template(template).format(
        sec=SECURITY_CLASSES.get(security_class, "B"),
        no=no,
        month=roman_month(when.month),
        year=when.year,
        code=post_code,
        **{"class": class_code},
    )


def next_number(
    session: Session,
    template: str,
    *,
    when: date,
    class_code: str,
    post_code: str,
    security_class: str = "Biasa",
) -> tuple[str, int]:
    """Take the next value of the post's yearly report sequence; returns (number, value)."""
    validate_template(template)
    value = numbering.next_value(session, post_code, SEQUENCE_KIND, when.year)
    return format_number(
        template,
        no=value,
        when=when,
        class_code=class_code,
        post_code=post_code,
        security_class=security_class,
    ), value


def draft_number(
    template: str, *, when: date, class_code: str, post_code: str, security_class: str = "Biasa"
) -> str:
    """The number line of a draft: the place of the number left blank, as on paper."""
    return format_number(
        template,
        no="\u00a0" * 8,
        when=when,
        class_code=class_code,
        post_code=post_code,
        security_class=security_class,
    )
