"""Numbers, shares and days as people read them, in German and English.

Every text bildungsnetz shows (findings, reports, summaries, HTML) formats through these,
so that ``2.031`` and ``26 %`` read the same everywhere.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from datetime import date

__all__ = ["day", "number", "percent"]


def number(value: float | Decimal, lang: Literal["de", "en"], *, places: int = 0) -> str:
    """Return a number as people write it: ``2.031``, ``0,25`` (German), ``2,031``, ``0.25``.

    Examples
    --------
    >>> number(2031, "de"), number(2031, "en"), number(0.615, "de", places=2)
    ('2.031', '2,031', '0,62')
    """
    # Half up, as statistics are rounded for readers (62.5 % is 63 %, not 62 %); the
    # decimal of the float's shortest text, so that 0.615 is read as written.
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{places}f}"
    if lang == "de":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(value: float | Decimal, lang: Literal["de", "en"]) -> str:
    """Return a share as a whole percentage: ``26 %`` in German, ``26%`` in English.

    Examples
    --------
    >>> percent(0.255, "de"), percent(0.255, "en")
    ('26 %', '26%')
    """
    whole = number(Decimal(str(value)) * 100, lang)
    return f"{whole} %" if lang == "de" else f"{whole}%"


def day(value: date, lang: Literal["de", "en"]) -> str:
    """Return a day as written in the language: ``31.07.2028`` or ``2028-07-31``.

    Examples
    --------
    >>> from datetime import date
    >>> day(date(2028, 7, 31), "de"), day(date(2028, 7, 31), "en")
    ('31.07.2028', '2028-07-31')
    """
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()
