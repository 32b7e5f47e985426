"""Every writer replaces its file in one step: crashes leave the old file, links stay links."""

import errno
import os
import resource
import signal
import stat

import pytest

from bildungsnetz import interactive, io, rules
from bildungsnetz._optional import require
from bildungsnetz.datasets import musterkreis

NETWORK = musterkreis()
OLD = b"the old file, which must survive\n"


def write_frame(path):
    io.write_frame(io.to_frames(NETWORK)["actors"], path)


def write_html(path):
    interactive.write_html(NETWORK, path)


WRITERS = {
    "io.save": (lambda path: io.save(NETWORK, path), ".json"),
    "io.write": (lambda path: io.write(NETWORK, path), ".json"),
    "write_workbook": (lambda path: io.write_workbook(NETWORK, path), ".xlsx"),
    "write_template": (lambda path: io.write_template(path, overwrite=True), ".xlsx"),
    "write_graphml": (lambda path: io.write_graphml(NETWORK, path), ".graphml"),
    "write_gexf": (lambda path: io.write_gexf(NETWORK, path), ".gexf"),
    "write_node_link": (lambda path: io.write_node_link(NETWORK, path), ".json"),
    "rules.save": (lambda path: rules.save(rules.default_rules(), path), ".json"),
    "interactive.write_html": (write_html, ".html"),
    "write_frame xlsx": (write_frame, ".xlsx"),
    "write_frame csv": (write_frame, ".csv"),
    "io.write xlsx": (lambda path: io.write(NETWORK, path), ".xlsx"),
}
# The extra a writer needs, and the package of it that the writer imports first.
EXTRAS = {
    "write_workbook": ("excel", "openpyxl"),
    "write_template": ("excel", "openpyxl"),
    "io.write xlsx": ("excel", "openpyxl"),
    "interactive.write_html": ("interactive", "ipysigma"),
    "write_frame xlsx": ("pandas", "pandas"),
    "write_frame csv": ("pandas", "pandas"),
}


def _writer(name):
    if name not in EXTRAS:
        return name
    return pytest.param(name, marks=pytest.mark.requires_extra(EXTRAS[name][0]))


writers = pytest.mark.parametrize("writer", [_writer(name) for name in sorted(WRITERS)])


@pytest.fixture(autouse=True)
def _extra_in_this_process(request):
    """Without its extra a writer fails here, before a test runs it in a forked child."""
    name = getattr(request.node, "callspec", None) and request.node.callspec.params.get("writer")
    if name in EXTRAS:
        extra, package = EXTRAS[name]
        require(package, extra=extra, feature=name)


def names(folder):
    """Every entry of ``folder``, hidden temporary files included."""
    return sorted(entry.name for entry in folder.iterdir())


def old_file(folder, writer):
    target = folder / f"ziel{WRITERS[writer][1]}"
    target.write_bytes(OLD)
    return target


@writers
def test_saving_through_a_link_writes_its_target_and_keeps_the_link(tmp_path, writer):
    """The file a symbolic link points to is replaced; the link stays a link to it."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = old_file(elsewhere, writer)
    link = tmp_path / f"link{WRITERS[writer][1]}"
    link.symlink_to(real)
    WRITERS[writer][0](link)
    assert link.is_symlink()
    assert link.resolve() == real
    assert real.read_bytes() not in {OLD, b""}
    assert names(elsewhere) == [real.name]
    assert names(tmp_path) == ["elsewhere", link.name]


@writers
def test_a_link_to_a_file_not_yet_there_creates_the_file(tmp_path, writer):
    """A dangling link is written through too: the file appears where the link points."""
    real = tmp_path / f"real{WRITERS[writer][1]}"
    link = tmp_path / f"link{WRITERS[writer][1]}"
    link.symlink_to(real)
    WRITERS[writer][0](link)
    assert link.is_symlink()
    assert real.stat().st_size > 0


@writers
def test_a_read_only_file_is_refused_and_left_alone(tmp_path, writer):
    """A 0444 file raises PermissionError naming it; its bytes and mode stay; no temp file."""
    target = old_file(tmp_path, writer)
    target.chmod(0o444)
    with pytest.raises(PermissionError) as caught:
        WRITERS[writer][0](target)
    assert caught.value.errno == errno.EACCES
    assert caught.value.filename == str(target)
    assert target.read_bytes() == OLD
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert names(tmp_path) == [target.name]


@writers
def test_a_missing_folder_is_file_not_found_and_creates_nothing(tmp_path, writer):
    """A target in a folder that does not exist raises FileNotFoundError; nothing appears."""
    with pytest.raises(FileNotFoundError):
        WRITERS[writer][0](tmp_path / "fehlt" / f"ziel{WRITERS[writer][1]}")
    assert names(tmp_path) == []


@writers
def test_a_replaced_file_keeps_its_permissions(tmp_path, writer):
    """A file shared with the group (0640) is still 0640 after it was replaced."""
    target = old_file(tmp_path, writer)
    target.chmod(0o640)
    WRITERS[writer][0](target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() != OLD


@writers
def test_a_file_name_of_255_bytes_works(tmp_path, writer):
    """The longest name a file system allows is written; the temporary name is shorter."""
    suffix = WRITERS[writer][1]
    target = tmp_path / (
        "ä" * ((255 - len(suffix)) // 2) + "x" * ((255 - len(suffix)) % 2) + suffix
    )
    assert len(os.fsencode(target.name)) == 255
    WRITERS[writer][0](target)
    assert target.stat().st_size > 0
    assert names(tmp_path) == [target.name]


@writers
def test_a_crash_at_the_rename_leaves_the_old_file(tmp_path, writer, monkeypatch):
    """If the rename fails, the old file is intact and the temporary file is gone."""
    target = old_file(tmp_path, writer)

    def crash(*_):
        raise OSError(errno.EIO, "simulated crash")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        WRITERS[writer][0](target)
    assert target.read_bytes() == OLD
    assert names(tmp_path) == [target.name]


@writers
def test_the_file_and_then_its_directory_are_flushed(tmp_path, writer, monkeypatch):
    """fsync of the written file comes before the rename, fsync of the directory after it."""
    events = []
    fsync, replace = os.fsync, os.replace

    def recorded_fsync(descriptor):
        kind = "directory" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "file"
        events.append(kind)
        fsync(descriptor)

    def recorded_replace(source, target):
        events.append("rename")
        replace(source, target)

    monkeypatch.setattr(os, "fsync", recorded_fsync)
    monkeypatch.setattr(os, "replace", recorded_replace)
    WRITERS[writer][0](old_file(tmp_path, writer))
    assert events == ["file", "rename", "directory"]


def in_child(action):
    """Run ``action`` in a forked child; return how the child ended (``os.waitpid`` status)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        code = 1
        try:
            action()
            code = 0
        except OSError as error:
            code = 3 if error.errno == errno.EFBIG else 2
        finally:
            os._exit(code)
    return os.waitpid(pid, 0)[1]


@writers
def test_a_full_disk_midway_leaves_the_old_file(tmp_path, writer):
    """A write that fails part of the way (file size limit) leaves the old file, no temp file."""
    target = old_file(tmp_path, writer)

    def write_with_a_small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        WRITERS[writer][0](target)

    status = in_child(write_with_a_small_disk)
    assert os.waitstatus_to_exitcode(status) == 3  # the writer raised EFBIG
    assert target.read_bytes() == OLD
    assert names(tmp_path) == [target.name]


@writers
def test_a_process_killed_before_the_rename_leaves_the_old_file(tmp_path, writer):
    """``kill -9`` at the last moment: the old file is whole; one hidden temp file stays."""
    target = old_file(tmp_path, writer)

    def killed_at_the_rename():
        os.replace = lambda *_: os.kill(os.getpid(), signal.SIGKILL)
        WRITERS[writer][0](target)

    status = in_child(killed_at_the_rename)
    assert os.WIFSIGNALED(status)
    assert os.WTERMSIG(status) == signal.SIGKILL
    assert target.read_bytes() == OLD
    [left] = [name for name in names(tmp_path) if name != target.name]
    assert left.startswith(".ziel")
    assert left.endswith(".tmp")
    assert (tmp_path / left).stat().st_size > 0  # written in full, only not renamed


# -- the CSV folder: several files, all written before the first is replaced -------------


def old_folder(tmp_path):
    folder = tmp_path / "netz"
    io.write_csv_folder(NETWORK.replace(name="Alt"), folder)
    return folder, {name: (folder / name).read_bytes() for name in names(folder)}


def test_a_csv_folder_crash_at_the_first_rename_leaves_every_file(tmp_path, monkeypatch):
    """The renames come last: a failing one leaves all old files and no temporary file."""
    folder, before = old_folder(tmp_path)

    def crash(*_):
        raise OSError(errno.EIO, "simulated crash")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        io.write_csv_folder(NETWORK, folder)
    assert {name: (folder / name).read_bytes() for name in names(folder)} == before


def test_a_csv_folder_full_disk_midway_leaves_every_file(tmp_path):
    """A disk that fills while the sheets are written leaves the folder as it was."""
    folder, before = old_folder(tmp_path)

    def write_with_a_small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        io.write_csv_folder(NETWORK, folder)

    assert os.waitstatus_to_exitcode(in_child(write_with_a_small_disk)) == 3
    assert {name: (folder / name).read_bytes() for name in names(folder)} == before


def test_a_csv_folder_with_a_read_only_sheet_is_refused_whole(tmp_path):
    """One read-only sheet file: PermissionError, and no file of the folder changes."""
    folder, before = old_folder(tmp_path)
    (folder / "flows.csv").chmod(0o444)
    with pytest.raises(PermissionError):
        io.write_csv_folder(NETWORK, folder)
    assert {name: (folder / name).read_bytes() for name in names(folder)} == before


def test_a_csv_sheet_that_is_a_link_is_written_through(tmp_path):
    """A sheet file linked from elsewhere stays a link; the file it points to is replaced."""
    folder, _ = old_folder(tmp_path)
    shared = tmp_path / "shared-actors.csv"
    (folder / "actors.csv").rename(shared)
    (folder / "actors.csv").symlink_to(shared)
    io.write_csv_folder(NETWORK, folder)
    assert (folder / "actors.csv").is_symlink()
    assert io.read_csv_folder(folder) == NETWORK
