"""The one place that writes the build's output.

A build is written into a staging folder beside the output folder and swapped
in only when everything succeeded: on any error the previous output stays
exactly as it was, and on success nothing stale survives.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.plan.outputs import Output


class WriteError(Exception):
    """A build that would write outside its folder, twice to one path, or over a project."""


def staging_for(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.staging-{os.getpid()}"
    discard(staging)
    staging.mkdir()
    return staging


def write_outputs(folder: Path, outputs: Iterable[Output], only_changed: bool = False) -> None:
    """Writes rendered files; two renderers claiming one path is a bug, never an overwrite.

    `only_changed` (the preview, writing where a server is serving) leaves a
    file alone when it already holds these bytes, and replaces the others
    whole, so a reader never gets half a file."""
    written: set[str] = set()
    for output in outputs:
        relative = PurePosixPath(output.path)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise WriteError(f"refusing to write outside the output folder: {output.path}")
        if output.path in written:
            raise WriteError(f"two outputs for one path: {output.path}")
        written.add(output.path)
        target = folder.joinpath(*relative.parts)
        if target.exists() and not target.is_file():
            raise WriteError(f"a folder is in the way of {output.path}")
        if only_changed and target.is_file() and target.read_bytes() == output.data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if only_changed:
            partial = target.with_name(f".{target.name}.partial")
            partial.write_bytes(output.data)
            os.replace(partial, target)
        else:
            target.write_bytes(output.data)


@contextmanager
def scratch(outputs: Iterable[Output]) -> Iterator[Path]:
    """A temporary folder holding `outputs`, deleted when the block ends.

    The plan at a git revision is read this way (`history`: its files, as
    the checker reads any plan): never an output, and gone once read."""
    with tempfile.TemporaryDirectory(prefix="plan-history-") as folder:
        write_outputs(Path(folder), outputs)
        yield Path(folder)


def sync(folder: Path, outputs: list[Output]) -> set[str]:
    """Brings `folder` to exactly `outputs`: files no output names are
    removed, and only files whose bytes changed are written (a dirty MkDocs
    build redoes the pages whose sources are newer). Returns what was removed."""
    existing = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()
    removed = existing - {output.path for output in outputs}
    remove(folder, removed)
    write_outputs(folder, outputs, only_changed=True)
    return removed


def remove(folder: Path, paths: Iterable[str]) -> None:
    """Removes these files of `folder`, where they are."""
    for relative in paths:
        target = folder.joinpath(*PurePosixPath(relative).parts)
        if target.is_file():
            target.unlink()


def move_in(folder: Path, other: Path, paths: Iterable[str]) -> None:
    """Moves `paths` (files or folders) of `other` to the same places in `folder`, on one file system."""
    for relative in paths:
        target = folder.joinpath(*PurePosixPath(relative).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(other.joinpath(*PurePosixPath(relative).parts), target)


def copy_in(folder: Path, source: Path) -> None:
    """Copies the folder `source` into `folder`, over what is there of the same names."""
    shutil.copytree(source, folder, dirs_exist_ok=True)


def move_into(folder: Path, built: Path) -> None:
    """Moves what another tool built (`built`, a folder) into the empty
    staging `folder`, which may be on another file system."""
    for child in sorted(built.iterdir()):
        shutil.move(child, folder / child.name)


def check_out_folder(out: Path, project_root: Path) -> None:
    """Refuses an output folder whose replacement would destroy the project itself."""
    out, project_root = out.resolve(), project_root.resolve()
    if out == project_root or project_root.is_relative_to(out):
        raise WriteError(f"the output folder {out} holds the project; choose another --out")
    if (out / "content" / "site.yaml").exists() or (out / ".git").exists():
        raise WriteError(f"the output folder {out} looks like a project, not a built site")


def replace(out: Path, staging: Path) -> None:
    """Swaps the finished staging folder in as the output folder.

    A file whose bytes did not change keeps its previous modification time, so
    deploy tools (rsync, object-store sync) and caches see only real changes."""
    previous = out.parent / f".{out.name}.previous-{os.getpid()}"
    discard(previous)
    if out.exists():
        _keep_unchanged_times(out, staging)
        out.rename(previous)
    staging.rename(out)
    discard(previous)


def _keep_unchanged_times(old: Path, new: Path) -> None:
    for path in new.rglob("*"):
        before = old / path.relative_to(new)
        if not path.is_file() or not before.is_file():
            continue
        stat = before.stat()
        if stat.st_size == path.stat().st_size and before.read_bytes() == path.read_bytes():
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def discard(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
