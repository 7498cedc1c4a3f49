"""The one writer: a folder brought to exactly its outputs, nothing else touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build.writer import WriteError, move_in, remove, sync, write_outputs
from generator.plan.outputs import Output


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_sync_removes_what_is_gone_and_leaves_unchanged_files_alone(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_outputs(docs, [Output("a/index.md", b"old a"), Output("b/index.md", b"b"), Output("gone.md", b"x")])
    os.utime(docs / "b" / "index.md", ns=(1, 1))
    removed = sync(docs, [Output("a/index.md", b"new a"), Output("b/index.md", b"b"), Output("c/index.md", b"c")])
    assert removed == {"gone.md"}
    assert _tree(docs) == {"a/index.md": b"new a", "b/index.md": b"b", "c/index.md": b"c"}
    assert (docs / "b" / "index.md").stat().st_mtime_ns == 1  # a dirty MkDocs build skips it


def test_remove_and_move_in_stay_inside_their_folders(tmp_path: Path) -> None:
    site, other = tmp_path / "site", tmp_path / "other"
    write_outputs(site, [Output("keep.html", b"k"), Output("old/index.html", b"o")])
    write_outputs(other, [Output("events/x/index.html", b"x"), Output("left.html", b"l")])
    remove(site, ["old/index.html", "never-there.html"])
    move_in(site, other, ["events/x"])
    assert _tree(site) == {"keep.html": b"k", "events/x/index.html": b"x"}
    assert _tree(other) == {"left.html": b"l"}


def test_two_outputs_for_one_path_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="two outputs for one path"):
        write_outputs(tmp_path, [Output("a.html", b"1"), Output("a.html", b"2")])


WRITES = {"write_text", "write_bytes", "unlink", "rmdir", "mkdir", "rename", "touch", "rmtree", "copytree", "copyfile", "move"}


def test_no_module_but_the_writer_writes_a_file() -> None:
    """The build's one writer (MkDocs and Zensical write their own runs' output)."""
    import ast

    from conftest import ROOT

    found = []
    for source in sorted((ROOT / "generator").rglob("*.py")):
        if source == ROOT / "generator" / "build" / "writer.py":
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            owner = getattr(node.func, "value", None)
            is_os_replace = name == "replace" and isinstance(owner, ast.Name) and owner.id == "os"
            mode = next((a.value for a in node.args[1:2] if isinstance(a, ast.Constant)), "")
            is_open_for_writing = name == "open" and isinstance(mode, str) and any(c in mode for c in "wax")
            if name in WRITES or is_os_replace or is_open_for_writing:
                found.append(f"{source.relative_to(ROOT)}:{node.lineno}: {name}")
    assert found == []
