"""Reading and writing networks.

JSON is the lossless format: :func:`dumps`, :func:`loads`, :func:`save` (atomic) and
:func:`load`, with :func:`json_schema` describing every document.

Examples
--------
>>> from bildungsnetz import io
>>> from bildungsnetz.datasets import musterkreis
>>> io.loads(io.dumps(musterkreis())) == musterkreis()
True
"""

from bildungsnetz.io.json_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    dumps,
    json_schema,
    load,
    loads,
    save,
)

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "dumps", "json_schema", "load", "loads", "save"]
