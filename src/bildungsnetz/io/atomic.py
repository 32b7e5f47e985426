"""Atomic file writes: a crash or a full disk never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["write_text_atomic"]


def write_text_atomic(target: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``target`` through a temporary file and one rename.

    The text is written beside ``target``, flushed to disk and renamed over it; the
    permissions of a file being replaced are kept. On any failure the temporary file is
    removed and ``target`` is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "notiz.txt"
    ...     write_text_atomic(target, "Hallo")
    ...     target.read_text(encoding="utf-8")
    'Hallo'
    """
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(target))  # noqa: PTH101 (a str path from mkstemp)
        os.replace(temporary, target)  # noqa: PTH105 (atomic on POSIX and Windows)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)  # noqa: PTH108 (a str path from mkstemp)
        raise


def _mode_for(target: Path) -> int:
    # mkstemp creates files readable by their owner only; the result should have the
    # permissions of the file it replaces, or those a plain open() would give it.
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
