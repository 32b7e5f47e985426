"""Texts that look alike: a skeleton after Unicode Technical Standard #39, kept small.

Two ids or names that a reader cannot tell apart are probably the same thing typed twice,
or one made to pass for the other: ``schule-a`` and ``schule-а`` (Cyrillic а), ``gs-ﬁ``
and ``gs-fi`` (a ligature), ``ＧＳ１`` and ``GS1`` (full-width forms). Their skeletons are
equal. The skeleton is the NFKC form (which folds ligatures, full-width and other
compatibility forms) with the Cyrillic and Greek letters that look like Latin ones
replaced by those. This is the idea of UTS #39's confusable skeletons, restricted to the
scripts a German district's data mix; it does not fold ``l``, ``1`` and ``I`` or ``O`` and
``0``, which ids of one script legitimately tell apart.
"""

from __future__ import annotations

import unicodedata

__all__ = ["lookalike_characters", "skeleton"]

_LOOKALIKES: dict[int, str] = {
    ord(letter): latin
    for letters, latin in (
        # Cyrillic
        ("а", "a"),
        ("А", "A"),
        ("В", "B"),
        ("с", "c"),
        ("С", "C"),
        ("ԁ", "d"),
        ("е", "e"),
        ("Е", "E"),
        ("һ", "h"),
        ("Н", "H"),
        ("і", "i"),
        ("І", "I"),
        ("ј", "j"),
        ("Ј", "J"),
        ("К", "K"),
        ("ӏ", "l"),
        ("М", "M"),
        ("о", "o"),
        ("О", "O"),
        ("р", "p"),
        ("Р", "P"),
        ("ԛ", "q"),
        ("Ԛ", "Q"),
        ("ѕ", "s"),
        ("Ѕ", "S"),
        ("Т", "T"),
        ("у", "y"),
        ("У", "Y"),
        ("ԝ", "w"),
        ("Ԝ", "W"),
        ("х", "x"),
        ("Х", "X"),
        ("Ү", "Y"),
        ("ү", "y"),
        # Greek
        ("α", "a"),
        ("Α", "A"),
        ("Β", "B"),
        ("ϲ", "c"),
        ("Ϲ", "C"),
        ("Ε", "E"),
        ("Η", "H"),
        ("ι", "i"),
        ("Ι", "I"),
        ("ϳ", "j"),
        ("Κ", "K"),
        ("Μ", "M"),
        ("Ν", "N"),
        ("ν", "v"),
        ("ο", "o"),
        ("Ο", "O"),
        ("ρ", "p"),
        ("Ρ", "P"),
        ("Τ", "T"),
        ("υ", "u"),
        ("Υ", "Y"),
        ("χ", "x"),
        ("Χ", "X"),
        ("γ", "y"),
        ("Ζ", "Z"),
    )
    for letter in letters
}


def skeleton(text: str) -> str:
    r"""Return what ``text`` looks like: equal skeletons mean a reader cannot tell them apart.

    Examples
    --------
    >>> skeleton("schule-\u0430") == skeleton("schule-a")  # Cyrillic а
    True
    >>> skeleton("ＧＳ１"), skeleton("Школа")
    ('GS1', 'Шкoлa')
    """
    if text.isascii():
        return text  # the usual case: NFKC and the table leave ASCII as it is
    return unicodedata.normalize("NFKC", text).translate(_LOOKALIKES)


def lookalike_characters(text: str) -> list[tuple[int, str]]:
    r"""Return the characters of ``text`` that its skeleton replaces, with their positions.

    Positions count from 1, as in every refusal of an id.

    Examples
    --------
    >>> lookalike_characters("schule-\u0430")
    [(8, 'а')]
    """
    return [
        (place, character)
        for place, character in enumerate(text, start=1)
        if not character.isascii() and skeleton(character) != character
    ]
