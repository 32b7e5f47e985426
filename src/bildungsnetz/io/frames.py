"""pandas data frames with the sheet layout, to edit a network in pandas and come back.

:func:`to_frames` gives one frame per sheet of :mod:`bildungsnetz.io.layout`, with dtypes
that survive editing: ids and texts as pandas strings (never numbers, so leading zeros
stay), whole numbers as nullable integers, shares and coordinates as nullable floats, truth
values as nullable booleans, days as :class:`datetime.date` and meeting starts as
:class:`datetime.datetime` objects, several values as Python lists. :func:`from_frames`
reads them back, checking every cell as the workbook reader does; a problem names the
frame, its row label and the column. Needs the extra ``pandas``.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.io import from_frames, to_frames
>>> frames = to_frames(musterkreis())
>>> frames["actors"][["id", "kind", "topics"]].head(2)
   id                     kind topics
0  kv  district_administration     []
1  bb         education_office     []
>>> frames["actors"].loc[0, "name"] = "Kreisverwaltung des Musterkreises"
>>> from_frames(frames).actor("kv").name
'Kreisverwaltung des Musterkreises'
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from bildungsnetz._optional import require
from bildungsnetz.io.cells import write_cell
from bildungsnetz.io.layout import SHEETS, Column
from bildungsnetz.io.tables import Grid, from_grids

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

    from bildungsnetz.model import EducationNetwork

__all__ = ["from_frames", "to_frames"]

_DTYPES: dict[str, str] = {
    "count": "Int64",
    "year": "Int64",
    "share": "Float64",
    "float": "Float64",
    "bool": "boolean",
    "date": "object",
    "last_day": "object",
    "local_time": "object",
}


def to_frames(
    network: EducationNetwork, *, lang: Literal["de", "en"] = "en"
) -> dict[str, pd.DataFrame]:
    """Return the network as one data frame per sheet, by English sheet name.

    Parameters
    ----------
    network
        The network.
    lang
        ``"en"`` (the default): English column names and the stable English values of
        enumerations; ``"de"``: German column names and labels.

    Returns
    -------
    frames
        ``{"network": ..., "actors": ..., "identifiers": ..., ...}``, every sheet of the
        layout, empty ones with their columns.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> frames = to_frames(musterkreis(), lang="de")
    >>> frames["flows"].dtypes.astype(str).tolist()
    ['string', 'string', 'Int64', 'Int64', 'string']
    >>> frames["programmes"].loc[0, "gültig bis"]
    datetime.date(2028, 7, 31)
    """
    pandas: Any = require("pandas", extra="pandas", feature="to_frames()")
    frames = {}
    for key, sheet in SHEETS.items():
        records = _records(network, key)
        columns = {
            column.header(lang): pandas.Series(
                [_frame_value(record, column, lang) for record in records],
                dtype=_DTYPES.get(column.kind, "object" if column.multiple else "string"),
            )
            for column in sheet.columns
        }
        frames[key] = pandas.DataFrame(columns)
    return frames


def _records(network: EducationNetwork, key: str) -> list[Any]:
    if key == "network":
        return [network]
    if key == "identifiers":
        return [
            {"actor": actor.id, "scheme": identifier.scheme, "value": identifier.value}
            for actor in network.actors
            for identifier in sorted(actor.identifiers, key=lambda item: (item.scheme, item.value))
        ]
    if key == "members":
        return [
            {"forum": forum.id, "actor": member}
            for forum in network.forums
            for member in sorted(forum.members)
        ]
    return list(getattr(network, key))


def _frame_value(record: Any, column: Column, lang: Literal["de", "en"]) -> Any:
    value: Any = record
    for step in column.path:
        if value is None:
            return None
        if isinstance(value, dict):
            value = value.get(str(step))
        else:
            value = value[step] if isinstance(step, int) else getattr(value, step)
    if column.multiple:
        return sorted(str(write_cell(item, column.item, lang)) for item in value or ())
    written = write_cell(value, column, lang)
    if column.kind == "bool" and written is not None:
        return value
    return written


def from_frames(frames: Mapping[str, pd.DataFrame], *, name: str | None = None) -> EducationNetwork:
    """Read a network from data frames laid out as :func:`to_frames` gives them.

    Parameters
    ----------
    frames
        Frames by sheet name, German or English (``"actors"`` or ``"Akteure"``); their
        columns by German or English header. Lists or ``;``-separated text in columns of
        several values; missing values (``NA``, ``NaN``, ``None``) are empty cells.
    name
        The network's name when no ``network`` frame gives one.

    Returns
    -------
    network
        The network, checked as a whole.

    Raises
    ------
    LoadError
        Listing every problem with frame, row label and column.

    Examples
    --------
    >>> import pandas as pd
    >>> actors = pd.DataFrame({"id": ["ja"], "name": ["Jugendamt"], "kind": ["Jugendamt"]})
    >>> from_frames({"actors": actors}, name="Kreis").actor("ja").kind
    <ActorKind.YOUTH_WELFARE_OFFICE: 'youth_welfare_office'>
    """
    pandas: Any = require("pandas", extra="pandas", feature="from_frames()")
    grids = []
    for key, frame in frames.items():
        rows = [list(map(str, frame.columns))]
        rows.extend(
            [_cell_value(value, pandas) for value in row] for row in frame.itertuples(index=False)
        )
        # Rows are named by the frame's position: the header is -1, the first row 0.
        grids.append(Grid(str(key), rows, source=f"frame {key!r}", first_row=-1, cells=False))
    return from_grids(grids, source=name)


def _cell_value(value: Any, pandas: Any) -> Any:
    """Return a frame's value as a reader's cell: NA as None, numpy numbers as Python's."""
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    if isinstance(value, str | bool | date):
        return value
    if value is None or pandas.isna(value):
        return None
    item = getattr(value, "item", None)  # a numpy number
    return item() if callable(item) else value
