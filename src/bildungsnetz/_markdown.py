r"""User text in Markdown: shown as written, never as headings, HTML, links, tables or maths.

Names come from files an office did not write itself (a partner survey, a workbook passed
around); in a report they must not be able to add a heading, raw HTML, a link, a table
cell or a formula of Jupyter's MathJax. :func:`escape` makes a text inert in CommonMark
and GitHub Flavored Markdown as Jupyter, GitHub and Sphinx render it.

Examples
--------
>>> print(escape("Kreis\n# Neu <b>[x](https://e.vil)</b> | a"))
Kreis \# Neu &lt;b&gt;\[x\](https\://e\.vil)&lt;/b&gt; \| a
>>> print(code("a`b"))
``a`b``
"""

from __future__ import annotations

import html
import re

__all__ = ["code", "escape"]

# Backslashed wherever they stand: inline markup, table cells, headings, images, maths.
_SPECIAL = re.compile(r"([\\`*\[\]|~#!$])")
# An underscore between two letters or digits never opens or closes emphasis in CommonMark;
# any other may ("__0__" is emphasis: an underscore counts as punctuation, not as a letter).
_LONE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# What renderers turn into links without <...>: "scheme://", e-mail addresses, "www." (GitHub,
# Jupyter's marked) and bare domains such as "evil.example" (markdown-it's linkify, used by
# MyST and VS Code): a dot inside a word is backslashed, which renders as the dot.
_AUTOLINK = re.compile(r"(?<=[^\W_])\.(?=[^\W_])|:(?=//)|@")
# A text at the start of a line could open a list, a setext heading or a thematic break.
_LEADING_SIGN = re.compile(r"[-+=]")
_ORDINAL = re.compile(r"([0-9]{1,9})([.)])")


def escape(text: str) -> str:
    """Return ``text`` as Markdown that shows it as written, on one line.

    Line breaks and runs of blanks are folded into one space; ``&``, ``<`` and ``>`` become
    entities; the characters that open inline markup, table cells, headings, images and
    maths are backslashed, as are the ``:`` and ``@`` of bare links, a dot inside a word
    (``www.example.org``) and a leading sign or ordinal that could open a block.
    """
    folded = " ".join(text.split())
    escaped = _SPECIAL.sub(r"\\\1", html.escape(folded, quote=False))
    escaped = _LONE_UNDERSCORE.sub(r"\\_", escaped)
    escaped = _AUTOLINK.sub(lambda match: "\\" + match.group(), escaped)
    if _LEADING_SIGN.match(escaped):
        return "\\" + escaped
    return _ORDINAL.sub(r"\1\\\2", escaped, count=1) if _ORDINAL.match(escaped) else escaped


def code(text: str) -> str:
    """Return ``text`` as an inline code span, on one line, whatever backticks it holds."""
    folded = " ".join(text.split())
    longest = max((len(run) for run in re.findall("`+", folded)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {folded} " if folded.startswith("`") or folded.endswith("`") else folded
    return f"{fence}{padded}{fence}"
