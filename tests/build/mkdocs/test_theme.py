"""Our theme overrides against the Material installed: a whole partial we copied
stays the partial it was copied from, so a Material upgrade that changes it
fails here (and someone merges the new partial) instead of the site quietly
keeping the old one."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest
from conftest import ROOT

OURS = ROOT / "theme" / "partials"
MATERIAL = Path(material.__file__).resolve().parent / "templates" / "partials"
RECORD = re.compile(
    r"upstream: mkdocs-material (?P<version>\S+) partials/(?P<name>\S+)\s+sha256: (?P<sha>[0-9a-f]{64})"
)
# The one change each copy makes (see the copy's own comment).
CHANGES = {
    "header.html": ('title="{{ config.site_name | e }}" class="md-header__button md-logo"',
                    'title="{{ config.site_name }}" class="md-header__button md-logo"'),
    "nav.html": ('title="{{ config.site_name | e }}" class="md-nav__button md-logo"',
                 'title="{{ config.site_name }}" class="md-nav__button md-logo"'),
}


def _without_leading_comment(text: str) -> str:
    assert text.startswith("{#-"), "a copied partial starts with its comment"
    return text[text.index("-#}") + len("-#}"):].lstrip("\n")


def test_every_copied_partial_is_recorded() -> None:
    assert sorted(p.name for p in OURS.iterdir()) == sorted(CHANGES)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_the_installed_materials_partial_is_the_one_we_copied(name: str) -> None:
    record = RECORD.search((OURS / name).read_text(encoding="utf-8"))
    assert record is not None and record["name"] == name, f"theme/partials/{name}: no upstream record"
    installed = hashlib.sha256((MATERIAL / name).read_bytes()).hexdigest()
    assert installed == record["sha"], (
        f"Material's partials/{name} is not the one theme/partials/{name} was copied from "
        f"(mkdocs-material {record['version']}): copy the new one, make the change again, update the record"
    )


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_our_copy_is_materials_with_only_the_one_change(name: str) -> None:
    upstream = _without_leading_comment((MATERIAL / name).read_text(encoding="utf-8"))
    old, new = CHANGES[name]
    assert upstream.count(old) == 1
    assert _without_leading_comment((OURS / name).read_text(encoding="utf-8")) == upstream.replace(old, new)
