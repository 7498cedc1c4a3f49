"""What `init` writes for CI (editor/init.py): the check-and-build workflow
and the Monday digest, as GitHub Actions reads them."""

from __future__ import annotations

from datetime import date

import yaml

from generator.editor.init import ToolSource, starter_files

SOURCE = ToolSource("https://example.org/community-plan.git", "0" * 40, "community-plan @ git+https://example.org/x@0")


def _workflows() -> dict[str, dict]:
    files = {o.path: o.data.decode("utf-8") for o in starter_files("zh", False, date(2027, 6, 1), SOURCE)}
    return {path: yaml.safe_load(text) | {"_text": text} for path, text in files.items() if path.startswith(".github/")}


def test_the_digest_workflow_posts_every_monday_with_the_url_from_the_secrets() -> None:
    workflow = _workflows()[".github/workflows/digest.yml"]
    # YAML 1.1 reads the key `on` as True
    triggers = workflow[True]
    assert triggers["schedule"] == [{"cron": "0 1 * * 1"}] and "workflow_dispatch" in triggers
    steps = workflow["jobs"]["digest"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert {"name": "Install the plan tool", "run": f'pip install "{SOURCE.pip_spec}"'} in steps
    post = steps[-1]
    assert post["run"] == "community-plan digest --format wecom --post"
    assert post["env"] == {"PLAN_WEBHOOK_URL": "${{ secrets.PLAN_WEBHOOK_URL }}",
                           "PLAN_WEBHOOK_SECRET": "${{ secrets.PLAN_WEBHOOK_SECRET }}"}
    assert "https://" not in post["env"]["PLAN_WEBHOOK_URL"]  # never a URL in the repository


def test_the_build_workflow_fetches_the_history_its_changes_page_reads() -> None:
    steps = _workflows()[".github/workflows/plan.yml"]["jobs"]["check"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
