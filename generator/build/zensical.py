"""Builds the website with Zensical instead of MkDocs (`build --engine zensical`).

The same generated pages (`.build/docs`) and the same configuration as the
MkDocs build (`build.mkdocs.site`), with what Zensical 0.0.73 needs changed:

- Zensical takes the configuration file's folder as the project root and
  refuses a `site_dir` outside it (and panics on absolute `docs_dir` or
  `site_dir`): the configuration is written as `.build/zensical.yml` with
  both relative to `.build/`, Zensical builds into `.build/zensical-site`,
  and `writer.move_into` moves the result into the staging folder.
- Zensical's INHERIT appends lists (`nav`, `markdown_extensions`) where
  MkDocs replaces them: the configuration is written whole, the team's
  mkdocs.yml already merged in (as MkDocs merges it), with no INHERIT.
- `theme.variant: classic` keeps Material's look (Zensical's own is "modern").
- `validation: false`: the plan's checker already owns links; Zensical's
  link validation would take half its build.
- Zensical names its search plugin `search` where Material's header partial
  (copied into theme/partials/header.html) asks for `material/search`: the
  build's theme is the site's theme/ with `zensical_theme/` laid over it.

Zensical runs as a subprocess (`python -m zensical build`), like MkDocs quiet
unless it fails: it is an optional extra, and nothing here imports it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import yaml

from generator.build.mkdocs import site as sitebuild
from generator.build.writer import copy_in, discard, move_into, write_outputs
from generator.plan.model import Plan
from generator.plan.outputs import Output
from generator.plan.visibility import View

VERSION = "0.0.73"
CONFIG = "zensical.yml"
SITE = "zensical-site"
THEME = "zensical-theme"
OVERLAY = Path(__file__).resolve().parent / "zensical_theme"

INSTALL_HINT = (
    "--engine zensical needs Zensical, an optional extra that is not installed. Install it with:\n"
    '  pip install "community-plan[zensical]"\n'
    f"or, in a clone of the tool's repository: .venv/bin/pip install zensical=={VERSION}\n"
    "（--engine zensical 需要可选组件 Zensical，当前未安装；按上面的命令安装后再构建）"
)


def missing() -> str | None:
    """None when Zensical can run here, else what to do about it."""
    return None if importlib.util.find_spec("zensical") is not None else INSTALL_HINT


def build_site(
    project_root: Path, plan: Plan, view: View, site_dir: Path, docs_pages: list[Output], footer: str = ""
) -> None:
    """Builds the site of the rendered `docs_pages` with Zensical into `site_dir` (an empty folder).

    Raises `SiteBuildError` with Zensical's output when it fails or warns."""
    project_root, site_dir = project_root.resolve(), site_dir.resolve()
    parent_path = sitebuild.site_config(project_root)
    with parent_path.open("rb") as stream:
        # MkDocs' own reading (INHERIT chains merged, !ENV resolved), through
        # build.mkdocs: only build.mkdocs imports MkDocs (.importlinter)
        parent = sitebuild.yaml_load(stream)
    work = project_root / sitebuild.WORK_DIR
    docs = work / "docs"
    sitebuild._write_docs(project_root, plan, view, docs, docs_pages)
    built, theme = work / SITE, work / THEME
    generated = sitebuild.generated_config(parent_path, plan, view, docs, built, parent, footer)
    _layered_theme(Path(generated["theme"]["custom_dir"]), theme)
    config = zensical_config(parent, generated, theme)
    config_path = work / CONFIG
    write_outputs(work, [Output(CONFIG, yaml.dump(config, allow_unicode=True, sort_keys=False).encode("utf-8"))])
    discard(built)
    try:
        _run(config_path, view.now)
        move_into(site_dir, built)
    finally:
        discard(built)


def zensical_config(parent: dict, generated: dict, theme: Path) -> dict:
    """The whole configuration Zensical reads: the team's (as MkDocs merged
    it), what the plan decides on top, and what Zensical needs changed."""
    config = _merged(parent, {key: value for key, value in generated.items() if key != "INHERIT"})
    config["docs_dir"] = "docs"  # relative to .build/, the root Zensical takes
    config["site_dir"] = SITE
    config["theme"]["custom_dir"] = str(theme)
    config["theme"]["variant"] = "classic"
    config["validation"] = False
    return config


def _merged(base: dict, over: dict) -> dict:
    """MkDocs' INHERIT merge: mappings key by key, everything else (lists too) replaced."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _layered_theme(custom_dir: Path, target: Path) -> None:
    """The site's theme folder with `zensical_theme/` laid over it (Zensical
    takes one custom_dir, above its built-in theme)."""
    discard(target)
    copy_in(target, custom_dir)
    copy_in(target, OVERLAY)


def _run(config_path: Path, now: datetime) -> None:
    environment = dict(os.environ, SOURCE_DATE_EPOCH=str(int(now.timestamp())))
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", str(config_path)],
        cwd=config_path.parent,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    chatter = {"Build started", "Build finished", "No issues found"}
    lines = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and not any(line.strip().startswith(c) for c in chatter)
    ]
    if done.returncode != 0 or lines:
        raise sitebuild.SiteBuildError(lines or [f"zensical exited with status {done.returncode}"])
