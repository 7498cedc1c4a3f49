"""JSON Schema for every file of the format, for editors' autocompletion.

Generated from the same specs the checker converts with (`schema.py`), with
the ids the plan defines filled in as enums, so VS Code's YAML extension
(yaml-language-server) completes keys, choices and references while typing.
"""

from __future__ import annotations

import json
from typing import Any

from generator.plan import schema
from generator.words import field_help as describe
from generator.plan.model import Kind, Plan
from generator.plan.outputs import Output

SCHEMA_DIR = "schema"
FILES = {
    "site": ("content/site.yaml", schema.SITE),
    "channels": ("content/channels.yaml", schema.CHANNELS),
    "key-dates": ("calendar/key-dates.yaml", schema.KEY_DATES),
    **{kind: (f"content/{kind}/*.yaml", spec) for kind, spec in schema.ENTRY_SCHEMAS.items()},
}


def schema_file(name: str) -> str:
    return f"{SCHEMA_DIR}/{name}.schema.json"


def render(plan: Plan | None, language: str = "zh") -> list[Output]:
    """One schema file per kind of plan file; `plan` supplies the known ids."""
    ids = _known_ids(plan) if plan else {}
    outputs = []
    for name, (pattern, spec) in FILES.items():
        document = {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": schema_file(name),
            "title": pattern,
            **_fill(spec.json_schema(), ids, language),
        }
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        outputs.append(Output(schema_file(name), text.encode("utf-8")))
    return outputs


def vscode_settings(existing: dict[str, Any] | None = None) -> dict[str, Any]:
    """`.vscode/settings.json` content mapping each schema to its files."""
    settings = dict(existing or {})
    settings["yaml.schemas"] = {f"./{schema_file(name)}": pattern for name, (pattern, _) in FILES.items()}
    return settings


def _known_ids(plan: Plan) -> dict[str, list[str]]:
    return {
        "channel": [c.id for c in plan.channels],
        "tier": [t.id for t in plan.site.tiers],
        "goal": [g.id for g in plan.site.goals],
        "member": [m.id for m in plan.site.team],
        "product": [e.id for e in plan.of_kind(Kind.PRODUCT)],
        "campaign": [e.id for e in plan.of_kind(Kind.CAMPAIGN)],
        "stage": [s.id for s in plan.site.workflow],
    }


def _fill(node: Any, ids: dict[str, list[str]], language: str) -> Any:
    """Replaces reference markers with the plan's ids and adds field descriptions."""
    if isinstance(node, list):
        return [_fill(item, ids, language) for item in node]
    if not isinstance(node, dict):
        return node
    filled = {key: _fill(value, ids, language) for key, value in node.items()}
    target = filled.pop("x-reference", None)
    if target and ids.get(target):
        filled["enum"] = ids[target]
    properties = filled.get("properties")
    if isinstance(properties, dict):
        for key, value in properties.items():
            text = describe(key, language)
            if text and isinstance(value, dict):
                value["description"] = text
    return filled
