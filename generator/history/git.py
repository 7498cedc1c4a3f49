"""The plan's past, read from git: read-only, one `git` subprocess at a time.

Nothing here changes the repository (no checkout, no worktree, no fetch)
and nothing here writes a file: a revision's plan is read as blobs
(`ls-tree`, `cat-file --batch`) and handed on as values (`Output`s), which
the caller's scratch folder holds for `check_plan` (`build.writer.scratch`,
the one place that writes).

The project root may be a folder inside the repository: every command runs
there (`git -C root`) and names paths relative to it, as the plan's own
`Source.path`s are.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from generator.history.model import Commit, Missing
from generator.plan.outputs import Output

PLAN_FOLDERS = ("content", "calendar")  # what a revision's plan is read from
TIMEOUT = 120  # seconds for one git command: a huge repository, a slow disk
_LOG_MARK = "\x01"  # starts a commit's line in `log` output (never in a path git prints)


class HistoryError(Exception):
    """The history a comparison needs is not there: why (`missing`), and what git said."""

    def __init__(self, missing: Missing, detail: str = "") -> None:
        super().__init__(f"{missing.value}: {detail}" if detail else missing.value)
        self.missing = missing
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Repository:
    """The git repository a project root is in."""

    root: Path

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        """One git command's output; a failure is a `HistoryError` with git's own message."""
        command = ["git", "-c", "core.quotePath=false", "-C", str(self.root), *args]
        try:
            done = subprocess.run(
                command, input=stdin, capture_output=True, timeout=TIMEOUT, env=_environment(), check=False
            )
        except FileNotFoundError as error:
            raise HistoryError(Missing.NO_GIT, str(error)) from None
        except (OSError, subprocess.SubprocessError) as error:
            raise HistoryError(Missing.NOT_A_REPOSITORY, str(error)) from None
        if done.returncode != 0:
            raise _Failed(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout

    def text(self, *args: str) -> str:
        return self.git(*args).decode("utf-8", "replace")

    def shallow(self) -> bool:
        return self.text("rev-parse", "--is-shallow-repository").strip() == "true"

    def head(self) -> Commit:
        try:
            return self.commit("HEAD")
        except HistoryError as error:
            raise HistoryError(Missing.NO_COMMITS, error.detail) from None

    def commit(self, revision: str) -> Commit:
        """The commit a revision names; one a shallow clone lacks says so."""
        try:
            sha = self.text("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").strip()
            return self._described(sha)
        except _Failed as failed:
            missing = Missing.SHALLOW if self.shallow() else Missing.UNKNOWN_REVISION
            raise HistoryError(missing, failed.detail or revision) from None

    def commit_before(self, moment: datetime) -> Commit:
        """The last commit of the main line (first parents from HEAD) made at or
        before `moment`: the plan as it stood then. A repository begun after
        `moment` gives its first commit; a shallow clone that does not reach
        back so far says so."""
        head = self.head()
        found = self.text(
            "rev-list", "-1", "--first-parent", f"--before={int(moment.timestamp())}", head.sha
        ).strip()
        if found:
            return self._described(found)
        if self.shallow():
            raise HistoryError(Missing.SHALLOW, head.sha)
        first = self.text("rev-list", "--first-parent", "--max-parents=0", head.sha).split()
        return self._described(first[-1])

    def _described(self, sha: str) -> Commit:
        sha, at = self.text("log", "-1", "--format=%H %cI", sha).split()
        return Commit(sha, datetime.fromisoformat(at))

    def plan_at(self, commit: Commit) -> list[Output]:
        """The files of `content/` and `calendar/` as they were at `commit`, byte for byte."""
        listing = self.git("ls-tree", "-r", "-z", commit.sha, "--", *PLAN_FOLDERS)
        blobs: list[tuple[str, str]] = []
        for record in listing.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            mode, kind, sha = meta.decode().split()
            if kind == "blob" and mode in ("100644", "100755"):  # files; no links, no submodules
                blobs.append((sha, path.decode("utf-8", "surrogateescape")))
        contents = self._blobs([sha for sha, _ in blobs])
        return [Output(path, data) for (_, path), data in zip(blobs, contents) if _inside(path)]

    def _blobs(self, shas: list[str]) -> list[bytes]:
        """Every blob's bytes in one `cat-file --batch`."""
        if not shas:
            return []
        out = self.git("cat-file", "--batch", stdin="".join(f"{sha}\n" for sha in shas).encode())
        found: list[bytes] = []
        at = 0
        for _ in shas:
            end = out.index(b"\n", at)
            size = int(out[at:end].split()[2])
            found.append(out[end + 1 : end + 1 + size])
            at = end + 1 + size + 1  # the blob, then its newline
        return found

    def touched_since(self, base: Commit) -> Mapping[str, Commit]:
        """Each plan file changed on the main line after `base`, with the last
        commit that changed it (a merge counts as the commit that brought it in)."""
        out = self.text(
            "log", "--first-parent", "--diff-merges=first-parent", "--relative", "--name-only",
            f"--format={_LOG_MARK}%H %cI", f"{base.sha}..HEAD", "--", *PLAN_FOLDERS,
        )
        touched: dict[str, Commit] = {}
        current: Commit | None = None
        for line in out.splitlines():
            if line.startswith(_LOG_MARK):
                sha, at = line[1:].split()
                current = Commit(sha, datetime.fromisoformat(at))
            elif line and current is not None:
                touched.setdefault(line, current)  # newest first: the first commit seen is the last to touch it
        return touched

    def uncommitted(self) -> frozenset[str]:
        """Plan files that differ in the working tree from HEAD, new ones included."""
        changed = self.text("diff", "--name-only", "--relative", "HEAD", "--", *PLAN_FOLDERS).splitlines()
        new = self.text("ls-files", "--others", "--exclude-standard", "--", *PLAN_FOLDERS).splitlines()
        return frozenset(p for p in (*changed, *new) if p)


def repository(root: Path) -> Repository:
    """The repository `root` is in; a folder outside git says so."""
    found = Repository(root.resolve())
    try:
        inside = found.text("rev-parse", "--is-inside-work-tree").strip()
    except _Failed as failed:
        raise HistoryError(Missing.NOT_A_REPOSITORY, failed.detail) from None
    if inside != "true":
        raise HistoryError(Missing.NOT_A_REPOSITORY, str(root))
    return found


class _Failed(HistoryError):
    """A git command that ran and failed (its caller says what that means)."""

    def __init__(self, detail: str) -> None:
        super().__init__(Missing.NOT_A_REPOSITORY, detail)


def _inside(path: str) -> bool:
    """Whether a path of the tree stays inside the plan's folders (git never
    stores `..`, but a tree is data: it is not trusted to)."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and not any(p in ("", ".", "..") for p in parts)


def _environment() -> dict[str, str]:
    """git as the user runs it, but never asking for anything (no pager, no prompt)
    and speaking English, so that its messages read the same everywhere."""
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C", "LANGUAGE": "C"})
    return env

