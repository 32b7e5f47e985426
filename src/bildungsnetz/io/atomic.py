"""Atomic file writes: a crash or a full disk never leaves half a file.

Every file bildungsnetz writes goes through :func:`replacing` (or :func:`write_text_atomic`,
built on it): the content is written to a temporary file beside the target, flushed to
disk, given the permissions of the file it replaces and renamed over the target in one
step; then the directory is flushed too, so that the rename itself survives a power cut.
On any error the temporary file is removed and the target is left as it was.

- A target that is a symbolic link is written through: the file it points to is replaced
  and the link stays a link.
- A target marked read-only (no write permission for its owner, ``chmod a-w``, or one the
  user may not write) is refused with ``PermissionError`` before anything is written, also
  by functions that take ``overwrite=True``: overwriting means replacing a file that
  exists, not one somebody protected. Make it writable to replace it.
- The temporary name is short (``.<start of the name>.<random>.tmp``), so a target whose
  name has the 255 bytes a file system allows still works.
- Killed outright (``kill -9``, power cut), a process cannot clean up: the target is then
  still the old file, and a hidden ``.<name>.<random>.tmp`` may remain beside it.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     target = pathlib.Path(folder) / "notiz.txt"
...     write_text_atomic(target, "Hallo")
...     with replacing(target) as temporary:
...         _ = temporary.write_text("Tschüss", encoding="utf-8")
...     target.read_text(encoding="utf-8"), [path.name for path in target.parent.iterdir()]
('Tschüss', ['notiz.txt'])
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["replacing", "write_text_atomic"]

_PREFIX_BYTES = 100  # of the target's name kept in the temporary name, which must fit 255


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` in one step.

    Parameters
    ----------
    target
        The file to write. A symbolic link is followed to the file it points to.

    Yields
    ------
    temporary
        An empty file beside the (real) target, for a library that writes by path.

    Raises
    ------
    PermissionError
        If ``target`` exists and is read-only, before anything is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "notiz.txt"
    ...     with replacing(target) as temporary:
    ...         _ = temporary.write_bytes(b"Hallo")
    ...         target.exists()
    ...     target.read_bytes()
    False
    b'Hallo'
    """
    real = _destination(Path(target))
    descriptor, name = tempfile.mkstemp(prefix=_prefix(real.name), suffix=".tmp", dir=real.parent)
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        _flush(temporary)
        # mkstemp creates files readable by their owner only; the result should have the
        # permissions of the file it replaces, or those a plain open() would give it.
        temporary.chmod(_mode_for(real))
        temporary.replace(real)  # atomic on POSIX and Windows
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    _flush_directory(real.parent)


def write_text_atomic(
    target: str | os.PathLike[str], text: str, *, encoding: str = "utf-8"
) -> None:
    """Write ``text`` to ``target`` through a temporary file and one rename.

    See :func:`replacing`. Line ends are written as given, on every system.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "notiz.txt"
    ...     write_text_atomic(target, "Hallo")
    ...     target.read_text(encoding="utf-8")
    'Hallo'
    """
    data = text.encode(encoding)  # fails before any file exists
    with replacing(target) as temporary:
        temporary.write_bytes(data)


def _destination(target: Path) -> Path:
    """Return the file a write to ``target`` replaces: the end of its links; refuse read-only."""
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    try:
        status = real.stat()
    except FileNotFoundError:
        return real
    if stat.S_ISREG(status.st_mode) and (
        not status.st_mode & stat.S_IWUSR or not os.access(real, os.W_OK)
    ):
        message = "read-only file; make it writable (chmod u+w) to replace it"
        raise PermissionError(errno.EACCES, message, str(target))
    return real


def _prefix(name: str) -> str:
    kept = name
    while len(os.fsencode(kept)) > _PREFIX_BYTES:
        kept = kept[:-1]
    return f".{kept}."


def _flush(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _flush_directory(folder: Path) -> None:
    # The rename is an entry of the directory; on POSIX it is durable only once the
    # directory is flushed. Windows cannot open a directory, and NTFS journals renames.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
