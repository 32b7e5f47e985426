"""Check that an sdist holds every file of the repository a rebuild and the tests need.

Usage: ``python .ci/check_sdist.py dist/bildungsnetz-X.tar.gz`` from a git checkout.

Every file git tracks must be in the sdist, except those listed in :data:`LEFT_OUT` with
the reason; and the sdist holds nothing else but the metadata the build writes, so no
local file (a virtual environment, a built site, a cache) slips in. ``.ci/run`` then builds
the wheel from this sdist and runs the test suite from the unpacked sdist, which fails if
a file the tests read is missing.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import PurePosixPath

# Tracked files the sdist leaves out on purpose.
LEFT_OUT = {
    # Files the documentation's examples write (docs/gaps.md, docs/index.md), committed
    # by accident: nothing reads them.
    "kreis-regeln.json": "written by an example of docs/gaps.md",
    "musterkreis-2025.json": "written by an example of docs/index.md",
}
# What the build adds that git does not track.
GENERATED = {"PKG-INFO"}


def main(sdist: str) -> int:
    """Compare the sdist's files with git's; print every difference."""
    tracked = set(
        subprocess.run(
            ["git", "ls-files"],  # noqa: S607 (git from PATH, as in any checkout)
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    )
    with tarfile.open(sdist) as archive:
        packed = {
            str(PurePosixPath(*PurePosixPath(member.name).parts[1:]))
            for member in archive.getmembers()
            if member.isfile()
        }
    missing = sorted(tracked - packed - set(LEFT_OUT))
    foreign = sorted(packed - tracked - GENERATED)
    for name in missing:
        print(f"{sdist}: missing {name} (tracked by git)")
    for name in foreign:
        print(f"{sdist}: holds {name}, which git does not track")
    print(f"{sdist}: {len(packed)} files; left out on purpose: {sorted(LEFT_OUT)}")
    return 1 if missing or foreign else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
