"""The command line as an editor and CI use it: exit codes, output folder rules."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from pathlib import Path

from conftest import PLANS, ROOT, run_cli

from generator.build.parallel import SPLIT_FROM

NOW = "2027-03-15T09:00+08:00"


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_help_explains_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("check", "serve", "--now", "--out", "--drafts", "--strict", "error:"):
        assert word in result.stdout


def test_malformed_options_exit_2() -> None:
    assert run_cli("check", "--now", "tomorrow", "--root", str(PLANS / "check-minimal")).returncode == 2
    assert run_cli("--no-such-option").returncode == 2
    assert run_cli("publish").returncode == 2


def test_a_folder_without_a_plan_is_an_error(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(tmp_path))
    assert result.returncode == 1
    assert "content/site.yaml" in result.stderr and "Traceback" not in result.stderr


def test_warnings_pass_unless_strict(plan_copy) -> None:
    root = plan_copy("check-minimal")
    qa = root / "content/events/weekly-qa.yaml"
    qa.write_text(qa.read_text(encoding="utf-8").replace("except: [2027-03-16]", "except: [2027-03-17]"), encoding="utf-8")
    relaxed = run_cli("check", "--root", str(root))
    assert relaxed.returncode == 0
    assert relaxed.stderr.splitlines() == [
        "content/events/weekly-qa.yaml:10:10: warning: 2027-03-17 不是此重复活动的一次，跳过无效"
    ]
    assert run_cli("check", "--strict", "--root", str(root)).returncode == 1


def test_the_shared_options_count_before_the_command_as_after_it(plan_copy) -> None:  # type: ignore[no-untyped-def]
    """`--strict check` is `check --strict`: a command's own defaults do not undo
    what was given before its name (they did: `--now X next` used the clock)."""
    root = plan_copy("check-minimal")
    qa = root / "content/events/weekly-qa.yaml"
    qa.write_text(qa.read_text(encoding="utf-8").replace("except: [2027-03-16]", "except: [2027-03-17]"), encoding="utf-8")
    assert run_cli("--strict", "--root", str(root), "check").returncode == 1
    assert run_cli("--public", "--drafts", "check", "--root", str(root)).returncode == 2
    before = run_cli("--now", NOW, "--root", str(root), "next")
    after = run_cli("next", "--now", NOW, "--root", str(root))
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout and before.stdout.startswith("2027-03-")


def test_a_failed_build_leaves_the_previous_output_exactly(plan_copy, tmp_path: Path) -> None:
    root = plan_copy("check-minimal")
    out = tmp_path / "out"
    first = run_cli("--root", str(root), "--out", str(out), "--now", NOW)
    assert first.returncode == 0, first.stderr
    before = _tree(out)
    assert "index.html" in before and "calendar/all.ics" in before and "feeds/all.rss.xml" in before
    (root / "content/campaigns/spring.yaml").write_text("title: 春季\nstart: 2027-03-31\nend: 2027-03-01\n", encoding="utf-8")
    second = run_cli("--root", str(root), "--out", str(out), "--now", NOW)
    assert second.returncode == 1
    assert second.stderr.startswith("content/campaigns/spring.yaml:3:6: error:")
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["check-minimal", "out"]  # no staging left
    # and it says so, in the plan's language: how much was found, and that the output is as it was
    assert second.stdout.splitlines() == ["发现 1 个错误、0 个警告（见上）", f"{out} 保持原样，未做任何改动"]


def test_a_clean_check_says_so_and_standard_error_holds_problems_only(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("check-minimal")
    result = run_cli("check", "--root", str(root))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("计划检查通过：") and "没有发现问题" in result.stdout


def test_new_refuses_an_existing_entry_in_the_plans_language(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("check-minimal")
    result = run_cli("new", "product", "band-9", "--root", str(root))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("content/products/band-9.yaml 已经存在，没有改动它；换一个 id，或直接编辑这个文件")


def test_the_help_headings_are_in_both_languages() -> None:
    for args in (("--help",), ("check", "--help")):
        text = run_cli(*args).stdout
        assert "用法 usage:" in text and "选项 options:" in text and "显示此帮助并退出" in text
        assert "show this help message" not in text


def test_a_successful_build_replaces_the_folder_whole(plan_copy, tmp_path: Path) -> None:
    root = plan_copy("check-minimal")
    out = tmp_path / "out"
    (out / "old-section").mkdir(parents=True)
    (out / "old-section" / "stale.html").write_text("stale", encoding="utf-8")
    assert run_cli("--root", str(root), "--out", str(out), "--now", NOW).returncode == 0
    assert not (out / "old-section").exists()
    (root / "content/brand-stories/origin.yaml").unlink()
    assert run_cli("--root", str(root), "--out", str(out), "--now", NOW).returncode == 0
    assert not (out / "brand-stories" / "origin").exists()


def test_same_plan_and_now_give_byte_identical_output(plan_copy, tmp_path: Path) -> None:
    root = plan_copy("check-minimal")
    assert run_cli("--root", str(root), "--out", str(tmp_path / "a"), "--now", NOW).returncode == 0
    assert run_cli("--root", str(root), "--out", str(tmp_path / "b"), "--now", NOW).returncode == 0
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_source_date_epoch_sets_now(plan_copy, tmp_path: Path) -> None:
    root = plan_copy("check-minimal")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1804384800"}  # 2027-03-07T02:00Z
    assert run_cli("--root", str(root), "--out", str(tmp_path / "a"), env=env).returncode == 0
    assert run_cli("--root", str(root), "--out", str(tmp_path / "b"), "--now", "2027-03-07T02:00Z").returncode == 0
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_refuses_to_replace_the_project_itself(plan_copy) -> None:
    root = plan_copy("check-minimal")
    result = run_cli("--root", str(root), "--out", str(root), "--now", NOW)
    assert result.returncode == 1
    assert (root / "content" / "site.yaml").is_file()
    assert "Traceback" not in result.stderr


def _synthetic_plan(entries: int, target: Path) -> Path:
    """A plan as large as a busy community's year, made by the benchmark's generator."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    return synth.write_plan(entries, target)


def test_the_default_command_from_the_project_root_builds_a_large_plan(tmp_path: Path) -> None:
    """`python build.py` with no options, run where the plan is, as an editor
    does: a plan of more entry pages than `SPLIT_FROM` takes the two-run build
    into the relative default folder `site/`, and leaves nothing stray behind."""
    project = _synthetic_plan(SPLIT_FROM + 30, tmp_path / "team-plan")
    result = run_cli("--now", NOW, cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    stories = sorted(p.parent.name for p in (site / "user-stories").glob("*/index.html"))
    sources = sorted(p.stem for p in (project / "content" / "user-stories").glob("*.yaml"))
    assert stories == sources and len(stories) > 50
    assert (site / "index.html").is_file() and (site / "calendar" / "all.ics").is_file()
    assert sorted(p.name for p in project.iterdir()) == [".build", "calendar", "content", "site"]
    assert sorted(p.name for p in (project / ".build").iterdir()) == ["docs", "mkdocs.yml", "search-words.txt"]


def test_export_and_import_say_what_they_cannot_do(tmp_path: Path) -> None:
    plan = str(PLANS / "check-minimal")
    unknown = run_cli("export", str(tmp_path / "plan.ods"), "--root", plan)
    assert unknown.returncode == 2 and "只能导出和导入 .xlsx 或 .csv 文件" in unknown.stderr
    public = run_cli("export", str(tmp_path / "plan.xlsx"), "--root", plan, "--public")
    assert public.returncode == 2 and "--public" in public.stderr
    missing = run_cli("import", str(tmp_path / "nowhere.xlsx"), "--root", plan)
    assert missing.returncode == 2 and "找不到文件" in missing.stderr
    assert not list(tmp_path.iterdir())


def test_a_sheet_is_made_from_and_read_into_a_plan_that_checks(tmp_path: Path) -> None:
    root = tmp_path / "plan"
    shutil.copytree(PLANS / "check-minimal", root)
    channels = root / "content" / "channels.yaml"
    channels.write_text(channels.read_text(encoding="utf-8") + "- id: Bad Id\n  name: x\n", encoding="utf-8")
    result = run_cli("export", str(tmp_path / "plan.xlsx"), "--root", str(root))
    assert result.returncode == 1
    assert "content/channels.yaml:" in result.stderr and not (tmp_path / "plan.xlsx").exists()


def test_import_under_strict_refuses_a_sheet_with_warnings(tmp_path: Path) -> None:
    root = tmp_path / "plan"
    shutil.copytree(PLANS / "sheets-basic", root)
    sheet = tmp_path / "plan.csv"
    assert run_cli("export", str(sheet), "--root", str(root)).returncode == 0
    data = sheet.read_bytes()
    end = data.index(b"\r\n")
    sheet.write_bytes(data[:end] + b",Notes" + data[end:])  # a column of the manager's own
    relaxed = run_cli("import", str(sheet), "--root", str(root))
    assert relaxed.returncode == 0 and "unknown column 'Notes', not read" in relaxed.stderr
    assert run_cli("import", str(sheet), "--root", str(root), "--strict").returncode == 1
