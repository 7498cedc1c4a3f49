"""Files the tool ships besides its code: the default site configuration and
theme, the example plan, the editor settings.

In this repository they live at the top (it is a team's repository as well
as the tool's); an installed wheel carries them under `generator/shipped/`
(pyproject.toml, `force-include`). This is the one place that knows both.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE / "shipped"
_SOURCE_TREE = _PACKAGE.parent

# name: (where the wheel puts it, where it is in a clone of the repository)
_PLACES = {
    "mkdocs.yml": ("mkdocs.yml", "mkdocs.yml"),
    "theme": ("theme", "theme"),
    "example/content": ("example/content", "content"),
    "example/calendar": ("example/calendar", "calendar"),
    "vscode": ("vscode", ".vscode"),
    "FORMAT.md": ("FORMAT.md", "FORMAT.md"),  # the format's reference, copied into every new plan
}


def source_clone() -> Path | None:
    """The clone of the tool's repository this code runs from, if it runs from one (not installed)."""
    return _SOURCE_TREE if (_SOURCE_TREE / ".git").exists() and (_SOURCE_TREE / "build.py").is_file() else None


def shipped(name: str) -> Path:
    """The shipped file or folder `name` (a key of `_PLACES`)."""
    installed, in_clone = _PLACES[name]
    packaged = _INSTALLED / installed
    return packaged if packaged.exists() else _SOURCE_TREE / in_clone
