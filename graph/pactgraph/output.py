"""Writing what a command made to a path, atomically.

:func:`write` puts bytes in a file (or several files in a directory) through a temporary
file in the same directory and a rename, so a failure never leaves a half-written file
where the user's file was, and a file that is replaced keeps its permissions. A symbolic
link is followed (its target is replaced, the link kept); a device or a pipe is written
into, never replaced.
:func:`check_output` says before any work whether a path can be written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["Exported", "check_output", "write"]

#: What a command writes: one file's bytes, or file name → bytes for a directory.
Exported = bytes | dict[str, bytes]


def check_output(path: str | Path, *, directory: bool = False) -> None:
    """Raise :class:`~pactgraph.errors.OutputError` if ``path`` cannot be written.

    A file needs a path in an existing directory that is not itself a directory; a
    ``directory`` of files needs a directory, or a new name in an existing directory.
    """
    target = Path(path)
    if directory:
        if target.exists() and not target.is_dir():
            raise OutputError(f"{target}: is a file; this format writes a directory of files")
        if not target.parent.is_dir():
            raise OutputError(
                f"{target}: directory {target.parent} does not exist; create it first"
            )
    else:
        _check_target(target)


def _check_target(path: Path) -> None:
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: directory {parent} does not exist; create it first")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")


def _atomic_write(path: Path, data: bytes) -> None:
    _check_target(path)
    if path.is_symlink():
        path = path.resolve()  # replace what the link points at, and keep the link
    if path.exists() and not path.is_file():
        # a device or a pipe (``-o /dev/null``): write into it; a rename would replace it
        with path.open("wb") as handle:
            handle.write(data)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(data: Exported, path: str | Path) -> list[Path]:
    """Write an export to ``path`` atomically; return the files written.

    Bytes go to the file ``path``. Several files go into the directory ``path``,
    which is created if its parent exists: all are written first, then moved in.
    Raises :class:`~pactgraph.errors.OutputError` if the path cannot be written.
    """
    target = Path(path)
    try:
        if isinstance(data, bytes):
            _atomic_write(target, data)
            return [target]
        check_output(target, directory=True)
        target.mkdir(exist_ok=True)
        # every file is written in full beside the directory first, then moved in: a failure
        # part way leaves the old set of files as it was, never a mix of old and new
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            for name, content in data.items():
                _atomic_write(staging / name, content)
            written = []
            for name in data:
                os.replace(staging / name, target / name)
                written.append(target / name)
            return written
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except PermissionError as err:
        raise OutputError(f"{target}: permission denied; choose another path") from err
    except OSError as err:
        raise OutputError(f"{target}: cannot write ({err.strerror}); choose another path") from err
