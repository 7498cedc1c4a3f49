"""The example plan in the engine of VS Code's YAML extension, as an editor types.

yaml-language-server reads `.vscode/settings.json`'s schema mapping, exactly as
VS Code hands it over, and must complete and flag what the checker would."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT
from support_lsp import YamlLanguageServer


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("workspace")
    for name in ("content", "calendar", "schema", ".vscode"):
        shutil.copytree(ROOT / name, root / name)
    schemas = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    server = YamlLanguageServer(root, {k.removeprefix("./"): v for k, v in schemas.items()})
    yield root, server
    server.close()


def test_example_files_have_no_diagnostics(workspace) -> None:
    root, server = workspace
    for relative in ("content/site.yaml", "content/channels.yaml", "content/events/weekly-online-qa.yaml",
                     "content/products/xiaomi-18-ultra.yaml", "calendar/key-dates.yaml"):
        path = root / relative
        assert server.diagnostics(path, path.read_text(encoding="utf-8")) == [], relative


def test_mistakes_are_flagged_while_typing(workspace) -> None:
    root, server = workspace
    path = root / "content/events/typing.yaml"
    text = "title: 见面会\nkind: meetp\nformat: offline\nstrat: 2027-05-01 14:00\npublish:\n  - channel: wechatt\n    at: 2027-04-20 20:00\n"
    messages = {(d["range"]["start"]["line"], d["message"].split("\n")[0]) for d in server.diagnostics(path, text)}
    lines = {line for line, _ in messages}
    assert {1, 3, 5} <= lines, messages  # the kind, the unknown key, the unknown channel
    assert any("strat" in m for _, m in messages)


def test_keys_choices_and_ids_complete(workspace) -> None:
    root, server = workspace
    path = root / "content/events/completing.yaml"
    text = "title: 见面会\nkind: \nformat: online\nstart: 2027-05-01 14:00\npublish:\n  - channel: \n    at: 2027-04-20 20:00\n\n"
    server.diagnostics(path, text)
    assert {"meetup", "livestream", "qa"} <= set(server.completion(path, 1, 6))
    assert {"wechat", "weibo", "forum", "bilibili", "douyin"} <= set(server.completion(path, 5, 13))
    assert {"location", "repeat", "reminders", "tiers"} <= set(server.completion(path, 7, 0))
