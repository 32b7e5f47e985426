"""HTML through Jinja2 templates with autoescaping, for every HTML bildungsnetz writes.

The templates live in ``bildungsnetz/templates``. Autoescaping is on for all of them and
undefined names are errors, so a user string can only reach the page escaped and a typo
in a template fails loudly. The environment is built once (extra ``html``).

Filters beside Jinja2's own: ``number(lang)`` writes ``2.131`` / ``2,131``, ``percent(lang)``
``26 %`` / ``26%``, ``day(lang)`` ``31.07.2028`` / ``2028-07-31`` and ``pupils(lang)`` a
count of pupils as it may be published (``.`` below 3, see :mod:`bildungsnetz.privacy`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Literal

from bildungsnetz._format import day, number, percent
from bildungsnetz._optional import require
from bildungsnetz.privacy import SUPPRESSED, suppress

if TYPE_CHECKING:
    import jinja2

__all__ = ["render", "render_or_none"]


def render(name: str, /, *, feature: str, **context: Any) -> str:
    """Return the template ``name`` rendered with ``context``.

    Parameters
    ----------
    name
        The template's file name in ``bildungsnetz/templates``.
    feature
        What renders it, for the message if Jinja2 is missing (``"GapReport.to_html()"``).
    **context
        The template's variables.

    Raises
    ------
    MissingDependencyError
        If Jinja2 (extra ``html``) is not installed.

    Examples
    --------
    >>> print(render("_example.html.j2", feature="this example", name="<b>Schule & Co</b>",
    ...              lang="de", count=2131))
    <p>&lt;b&gt;Schule &amp; Co&lt;/b&gt;: 2.131</p>
    <BLANKLINE>
    """
    return _environment(feature).get_template(name).render(**context)


def render_or_none(name: str, /, **context: Any) -> str | None:
    """Return the template rendered, or ``None`` if Jinja2 is not installed.

    For ``_repr_html_``: Jupyter shows the plain ``repr`` where this returns ``None``.

    Examples
    --------
    >>> print(render_or_none("_example.html.j2", name="x", lang="en", count=2131))
    <p>x: 2,131</p>
    <BLANKLINE>
    """
    try:
        return render(name, feature="an HTML view", **context)
    except ImportError:
        return None


def _environment(feature: str) -> jinja2.Environment:
    # Imported on every call (a lookup once it is loaded), so that a missing Jinja2 is
    # noticed wherever it is asked for; only the environment is built once.
    jinja: Any = require("jinja2", extra="html", feature=feature)
    return _build(jinja)


def _pupils(count: int | None, lang: Literal["de", "en"]) -> str:
    """Return a count of pupils as it may be published: ``.`` where it is suppressed."""
    if count is None:
        return ""
    shown = suppress(count)
    return SUPPRESSED if shown is None else number(shown, lang)


@functools.cache
def _build(jinja: Any) -> jinja2.Environment:
    environment = jinja.Environment(
        loader=jinja.PackageLoader("bildungsnetz", "templates"),
        autoescape=True,
        undefined=jinja.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(number=number, percent=percent, day=day, pupils=_pupils)
    return environment  # type: ignore[no-any-return]
