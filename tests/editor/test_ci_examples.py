"""The CI examples `init` writes, as a team copies them: valid against the
schemas of GitHub Actions and GitLab CI (check-jsonschema's bundled copies,
no network), on the schedule of `rebuild_every`, and their "anything new to
publish?" step run for real with bash, the tool and a published build.json."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from conftest import PLANS, ROOT, run_cli

from generator.plan.model import REBUILD_EVERY

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
SCHEMAS = {".github/workflows/plan.yml": "vendor.github-workflows", ".gitlab-ci.yml": "vendor.gitlab-ci"}
BUILT_AT = "2027-06-10T19:00:00+08:00"  # its next change: 20:00
EPOCH = {"19:30": "1812627000", "20:00": "1812628800"}  # 2027-06-10 19:30 and 20:00 +08:00


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "plan"
    done = run_cli("init", str(target), "--now", "2027-06-01T09:00+08:00")
    assert done.returncode == 0, done.stderr
    return target


def _lint(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_example_passes_its_ci_schema(started: Path, name: str, tmp_path: Path) -> None:
    done = _lint(started / name, SCHEMAS[name])
    assert done.returncode == 0, done.stdout + done.stderr
    # and the linter bites: a GitHub job without steps, a GitLab job run "sometimes", are refused
    broken = yaml.safe_load((started / name).read_text(encoding="utf-8"))
    if name.startswith(".github"):
        broken["jobs"]["build"].pop("steps")
    else:
        broken["pages"]["when"] = "sometimes"
    copy = tmp_path / Path(name).name
    copy.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert _lint(copy, SCHEMAS[name]).returncode != 0


def _cron_minutes(cron: str) -> int:
    minute, hour, *_ = cron.split()
    if minute.startswith("*/") and hour == "*":
        return int(minute[2:])
    assert minute.isdigit() and (hour == "*" or hour.startswith("*/"))
    return 60 * (int(hour[2:]) if hour.startswith("*/") else 1)


def test_the_github_workflow_checks_pull_requests_and_publishes_on_schedule(started: Path) -> None:
    workflow = yaml.safe_load((started / ".github/workflows/plan.yml").read_text(encoding="utf-8"))
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(on) >= {"pull_request", "push", "schedule"}
    assert timedelta(minutes=_cron_minutes(on["schedule"][0]["cron"])) == REBUILD_EVERY
    jobs = workflow["jobs"]
    assert jobs["check"]["if"] == "github.event_name == 'pull_request'"
    assert any("check --strict --format github" in s.get("run", "") for s in jobs["check"]["steps"])
    build = jobs["build"]["steps"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build)
    assert any("build --public --out site" in s.get("run", "") for s in build)
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["if"] == "needs.build.outputs.publish == 'true'"


def test_the_gitlab_example_checks_merge_requests_and_publishes_pages(started: Path) -> None:
    ci = yaml.safe_load((started / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert "community-plan check --strict" in ci["check"]["script"]
    assert ci["pages"]["artifacts"] == {"paths": ["public"]} and ci["pages"]["allow_failure"] == {"exit_codes": [3]}
    assert ci["pages"]["script"][-1] == "community-plan build --public --out public"
    assert any(line.startswith("community-plan deploy") for line in ci["bucket"]["script"])
    assert "pip install" in ci["default"]["before_script"][0] and "$tool_spec" not in ci["default"]["before_script"][0]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A team's plan in git, its readers' site built at 19:00 (as published), and
    `community-plan` on PATH running this tool."""
    plan = tmp_path_factory.mktemp("team") / "plan"
    shutil.copytree(PLANS / "ontime-basic", plan)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "plan"]):
        subprocess.run([*git, *args], cwd=plan, check=True, capture_output=True)
    site = plan / "published"
    assert run_cli("build", "--public", "--now", BUILT_AT, "--out", str(site), cwd=plan).returncode == 0
    tools = plan.parent / "bin"
    tools.mkdir()
    wrapper = tools / "community-plan"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "build.py"}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return plan, site


def _decide(started: Path, plan: Path, site: Path, event: str, at: str, tmp_path: Path) -> tuple[int, str]:
    """Runs the GitHub workflow's "Anything new to publish?" step as its runner would (bash -e)."""
    workflow = yaml.safe_load((started / ".github/workflows/plan.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("id") == "decide")
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    env = {
        **os.environ, "PATH": f"{plan.parent / 'bin'}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(output),
        "PUBLISHED": str(site / "build.json"), "EVENT": event, "SOURCE_DATE_EPOCH": EPOCH[at],
    }
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=plan, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, output.read_text(encoding="utf-8")


def test_a_scheduled_run_publishes_only_when_the_site_would_change(started, published, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan, site = published
    assert _decide(started, plan, site, "schedule", "19:30", tmp_path) == (0, "publish=false\n")
    assert _decide(started, plan, site, "schedule", "20:00", tmp_path) == (0, "publish=true\n")  # the post is due
    assert _decide(started, plan, site, "push", "19:30", tmp_path) == (0, "publish=true\n")  # a push always does
    (site / "build.json").unlink()  # nothing published yet: the first run publishes
    assert _decide(started, plan, site, "schedule", "19:30", tmp_path) == (0, "publish=true\n")


def test_the_gitlab_pages_job_stops_with_3_when_nothing_is_new(started, published, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan, _ = published
    site = tmp_path / "pages"
    assert run_cli("build", "--public", "--now", BUILT_AT, "--out", str(site), cwd=plan).returncode == 0
    ci = yaml.safe_load((started / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    script = "\n".join(ci["pages"]["script"][1:-1])  # between the check and the build
    env = {
        **os.environ, "PATH": f"{plan.parent / 'bin'}:{os.environ['PATH']}", "CI_PAGES_URL": str(site),
        "CI_PIPELINE_SOURCE": "schedule", "SOURCE_DATE_EPOCH": EPOCH["19:30"],
    }
    run = subprocess.run(["bash", "-e", "-c", script], cwd=plan, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 3, run.stderr
    env["SOURCE_DATE_EPOCH"] = EPOCH["20:00"]
    run = subprocess.run(["bash", "-e", "-c", script], cwd=plan, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
