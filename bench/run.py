"""Benchmarks: this build against Material's blog plugin + mkdocs-rss-plugin.

    make bench                      # N = 100, 1000, 5000
    .venv/bin/python bench/run.py 100 1000
    .venv/bin/python bench/run.py --rounds 1 5000

For each N it writes a synthetic plan (bench/synth.py) and measures, each in
a fresh process: the full build (site, calendars, feeds); the generator's
own stage (everything but MkDocs's rendering); `check` alone; the preview's
response to a one-file edit; and the same N entries built as blog posts by
Material's blog plugin with mkdocs-rss-plugin, in the same run so the ratio
holds on a noisy machine. Each measure is taken `--rounds` times (3 unless
told), the full build and the blog build back to back in each round; the
table gives medians, and the ratio is the median of the rounds' ratios.
Results print as a Markdown table.
"""

from __future__ import annotations

import argparse
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
NOW = "2027-07-01T09:00+08:00"

sys.path.insert(0, str(HERE))
from synth import write_plan  # noqa: E402
from blog import write_blog  # noqa: E402


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    output_mb: float = 0.0


def measure(command: list[str], cwd: Path = ROOT, out: Path | None = None) -> Run:
    """Wall time and peak memory of one command, run under GNU time's sibling: getrusage."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(f'{code} {seconds} {peak}')\n"
    )
    result = subprocess.run([PYTHON, "-c", wrapper, *command], cwd=cwd, capture_output=True, text=True)
    code, seconds, peak = result.stdout.split()
    if code != "0":
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
    return Run(float(seconds), float(peak), _size_mb(out) if out else 0.0)


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def preview_response(plan: Path, entry: Path, page: str, rounds: int) -> list[float]:
    """Seconds from saving an edit of one entry to the preview serving the
    change, for `rounds` edits one after another on one running preview."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [PYTHON, str(ROOT / "build.py"), "serve", "--root", str(plan), "--port", str(port), "--now", NOW],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        _wait_for(url, lambda body: True, timeout=900)
        seconds = []
        for _ in range(rounds):
            time.sleep(1)  # the watcher settles after the previous rebuild
            marker = f"改过的标题{time.time_ns()}"
            text = entry.read_text(encoding="utf-8")
            start = time.perf_counter()
            entry.write_text(re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M), encoding="utf-8")
            _wait_for(url, lambda body: marker in body, timeout=600)
            seconds.append(time.perf_counter() - start)
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"preview did not serve {url} in time")


@dataclass(frozen=True)
class Result:
    check: Run
    stage: Run
    full: Run
    blog: Run
    ratio: float  # median of the rounds' full / blog
    preview: float


def bench(n: int, work: Path, rounds: int) -> Result:
    plan = write_plan(n, work / f"plan-{n}")
    out = work / f"site-{n}"
    blog = write_blog(plan, work / f"blog-{n}")
    build = [PYTHON, str(ROOT / "build.py"), "--root", str(plan), "--out", str(out), "--now", NOW]
    blog_build = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(blog / "mkdocs.yml"), "-d", str(blog / "site")]
    checks, stages, fulls, blogs = [], [], [], []
    for _ in range(rounds):
        checks.append(measure([PYTHON, str(ROOT / "build.py"), "check", "--root", str(plan), "--now", NOW]))
        stages.append(measure([PYTHON, str(HERE / "stage.py"), str(plan), NOW]))
        fulls.append(measure(build, out=out))
        blogs.append(measure(blog_build, out=blog / "site"))
    entry = sorted((plan / "content" / "user-stories").glob("*.yaml"))[0]
    previews = preview_response(plan, entry, f"user-stories/{entry.stem}/", rounds)
    ratio = statistics.median(f.seconds / b.seconds for f, b in zip(fulls, blogs))
    return Result(_median(checks), _median(stages), _median(fulls), _median(blogs), ratio, statistics.median(previews))


def _median(runs: list[Run]) -> Run:
    """The run of median time (its memory and size go with it)."""
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


def main(sizes: list[int], rounds: int) -> None:
    print(f"machine: {platform.machine()}, {_cores()} cores, Python {platform.python_version()}; {rounds} rounds")
    print(f"versions: {_versions()}\n")
    print("| N | check s | generator stage s | full build s | peak MB | output MB | blog+rss s | blog peak MB | blog output MB | full/blog | preview s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    fulls = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            r = bench(n, Path(folder), rounds)
            full, blog = r.full, r.blog
            fulls[n] = full.seconds
            print(
                f"| {n} | {r.check.seconds:.2f} | {r.stage.seconds:.2f} | {full.seconds:.2f} | {full.peak_mb:.0f} "
                f"| {full.output_mb:.1f} | {blog.seconds:.2f} | {blog.peak_mb:.0f} | {blog.output_mb:.1f} "
                f"| {r.ratio:.2f} | {r.preview:.2f} |",
                flush=True,
            )
            shutil.rmtree(Path(folder) / f"site-{n}", ignore_errors=True)
    if 1000 in fulls and 5000 in fulls:
        print(f"\nlinearity: 5000 / 1000 = {fulls[5000] / fulls[1000]:.2f}x")


def _cores() -> int:
    import os

    return os.cpu_count() or 0


def _versions() -> str:
    from importlib.metadata import version

    names = ["mkdocs", "mkdocs-material", "mkdocs-rss-plugin", "icalendar", "feedgen", "PyYAML"]
    return ", ".join(f"{name} {version(name)}" for name in names)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
    parser = argparse.ArgumentParser(description="Benchmarks against Material's blog plugin + mkdocs-rss-plugin.")
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000], help="plan sizes (entries)")
    parser.add_argument("--rounds", type=int, default=3, help="measures per size; medians are reported")
    arguments = parser.parse_args()
    main(arguments.sizes, arguments.rounds)
