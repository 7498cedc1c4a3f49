"""Help for editors: the JSON Schema, scaffolding, pre-commit and CI annotations."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import PLANS, ROOT, run_cli
from generator.editor.schema import FILES, schema_file
from generator.plan.check import check_plan
from generator.plan.model import Kind
from generator.plan.yamlfile import Mapping, Scalar, Sequence, read

_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$")


def _as_json(node):
    """A YAML node as yaml-language-server sees it (YAML 1.2 core schema)."""
    if isinstance(node, Mapping):
        return {k.value: _as_json(v) for k, v in node.pairs}
    if isinstance(node, Sequence):
        return [_as_json(item) for item in node.items]
    assert isinstance(node, Scalar)
    if node.plain:
        if node.is_null:
            return None
        if node.value in ("true", "false"):
            return node.value == "true"
        if _INT.match(node.value):
            return int(node.value)
        if _FLOAT.match(node.value):
            return float(node.value)
    return node.value


def _validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((ROOT / schema_file(name)).read_text(encoding="utf-8")))


def _files(pattern: str) -> list[Path]:
    return sorted(ROOT.glob(pattern))


def test_the_committed_schema_is_current() -> None:
    result = run_cli("schema", "--check")
    assert (result.returncode, result.stderr) == (0, "")


def test_vscode_maps_every_file_kind_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {f"./{schema_file(name)}": pattern for name, (pattern, _) in FILES.items()}
    for schema_path in settings["yaml.schemas"]:
        assert (ROOT / schema_path).is_file()


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_example_file_validates_against_its_schema(name: str) -> None:
    pattern = FILES[name][0]
    files = _files(pattern)
    assert files, pattern
    validator = _validator(name)
    for path in files:
        node = read(path.read_bytes(), str(path)).root
        errors = [e.message for e in validator.iter_errors(_as_json(node))]
        assert errors == [], path


def test_the_schema_catches_what_an_editor_mistypes() -> None:
    validator = _validator("events")
    event = {
        "title": "见面会",
        "kind": "meetp",
        "format": "offline",
        "start": "2027-05-01 14:00",
        "strat": "x",
        "publish": [{"channel": "wechatt", "at": "2027-04-20 20:00"}],
        "owner": "nobody",
    }
    messages = sorted(e.message for e in validator.iter_errors(event))
    assert any("'meetp' is not one of" in m for m in messages)
    assert any("'strat' was unexpected" in m for m in messages)
    assert any("'wechatt' is not one of" in m for m in messages)
    assert any("'nobody' is not one of" in m for m in messages)
    props = json.loads((ROOT / schema_file("events")).read_text(encoding="utf-8"))["properties"]
    assert props["kind"]["description"].startswith("活动类型")


@pytest.mark.parametrize("kind", ["product", "user-story", "brand-story", "event", "campaign"])
def test_new_scaffolds_an_entry_that_checks_clean(kind: str, plan_copy) -> None:
    root = plan_copy("check-minimal")
    made = run_cli("new", kind, "fresh-one", "--root", str(root), "--now", "2027-03-01")
    assert made.returncode == 0, made.stderr
    path = root / made.stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "status: idea" in text and "# publish" not in text and "publish:" in text
    result = run_cli("check", "--root", str(root))
    assert (result.returncode, result.stderr) == (0, "")
    assert run_cli("new", kind, "fresh-one", "--root", str(root)).returncode == 1
    assert run_cli("new", kind, "Fresh_One", "--root", str(root)).returncode == 2


def test_github_annotations_point_at_the_line(plan_copy) -> None:
    root = plan_copy("check-minimal")
    (root / "content/campaigns/spring.yaml").write_text("title: 春季\nstart: 2027-03-31\nend: 2027-03-01\n", encoding="utf-8")
    result = run_cli("check", "--format", "github", "--root", str(root))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/campaigns/spring.yaml,line=3,col=6::结束 2027-03-01 早于开始 2027-03-31"
    ]


def test_the_pre_commit_hook_blocks_a_broken_plan(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(PLANS / "check-minimal", repo)
    for name in ("build.py", ".pre-commit-config.yaml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "generator", repo / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / ".venv").symlink_to(ROOT / ".venv")
    assert run_cli("schema", "--root", str(repo)).returncode == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": "/dev/null"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    pre_commit = [str(ROOT / ".venv" / "bin" / "pre-commit"), "run", "--all-files"]
    clean = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "content/campaigns/spring.yaml").write_text("title: 春季\nstart: 2027-03-31\nend: 2027-03-01\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    broken = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "content/campaigns/spring.yaml:3:6: error: 结束 2027-03-01 早于开始 2027-03-31" in broken.stdout


def test_new_offers_the_work_fields_and_they_check_clean_once_uncommented(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("check-minimal")
    made = run_cli("new", "user-story", "fresh-one", "--root", str(root), "--now", "2027-03-01")
    path = root / made.stdout.strip()
    text = path.read_text(encoding="utf-8")
    for line in ("# reviewer: han-mei", "    # owner: li-lei", "    # reviewer: han-mei", "    # url: https://", "    # due: {draft: "):
        assert line in text, line
    # an editor uncomments the people and the deadline (a url waits until the post is published)
    uncommented = re.sub(r"^(\s*)# (reviewer|owner|due): ", r"\1\2: ", text, flags=re.M)
    path.write_text(uncommented.replace("status: idea", "status: draft"), encoding="utf-8")
    result = run_cli("check", "--root", str(root), "--now", "2027-03-01")
    assert (result.returncode, result.stderr) == (0, "")
    plan = check_plan(root).plan
    slot = plan.entry(Kind.USER_STORY, "fresh-one").slots[0]
    assert (slot.owner, slot.reviewer) == ("li-lei", "han-mei") and slot.deadlines[0].given


def test_the_schema_knows_the_workflows_stages_and_the_team() -> None:
    validator = _validator("products")
    product = {
        "title": "手环",
        "circle": "phone",
        "reviewer": "nobody",
        "publish": [{"channel": "wechat", "at": "2027-04-20 20:00", "due": {"drafting": "2027-04-01"}, "owner": "zhao-kai"}],
    }
    messages = sorted(e.message for e in validator.iter_errors(product))
    assert any("'nobody' is not one of" in m for m in messages)
    assert any("'drafting' is not one of" in m for m in messages)
    assert not any(m.startswith("'zhao-kai'") for m in messages)  # a member of the example's team


@pytest.mark.parametrize("kind", ["product", "user-story", "brand-story", "event", "campaign"])
def test_new_in_a_plan_with_an_error_still_names_the_plans_own_ids(kind: str, plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("check-minimal")
    broken = root / "content/campaigns/spring.yaml"
    original = broken.read_text(encoding="utf-8")
    broken.write_text(original.replace("end: ", "end: 2027-13-01\n# end: ", 1), encoding="utf-8")
    made = run_cli("new", kind, "fresh-one", "--root", str(root), "--now", "2027-03-01")
    assert made.returncode == 0, made.stderr
    path = root / made.stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert "channel-id" not in text and "member-id" not in text and "- channel: wechat" in text
    # the new file adds no error of its own: only the one the editor already had
    result = run_cli("check", "--root", str(root))
    assert [line for line in result.stderr.splitlines() if "fresh-one" in line] == []
    broken.write_text(original, encoding="utf-8")
    result = run_cli("check", "--root", str(root))
    assert (result.returncode, result.stderr) == (0, "")


def test_new_events_example_place_is_the_plans_own_and_checks_once_uncommented(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("check-minimal")
    made = run_cli("new", "event", "fresh-one", "--root", str(root), "--now", "2027-03-01")
    path = root / made.stdout.strip()
    text = path.read_text(encoding="utf-8")
    meetup = (root / "content/events/meetup.yaml").read_text(encoding="utf-8")
    assert "# location: {venue: " in text
    venue = re.search(r"# location: \{venue: ([^,]+),", text).group(1)
    assert venue in meetup  # the plan's own venue, not another brand's shop
    path.write_text(re.sub(r"^# (location|timezone): ", r"\1: ", text, flags=re.M), encoding="utf-8")
    result = run_cli("check", "--root", str(root))
    assert (result.returncode, result.stderr) == (0, "")
