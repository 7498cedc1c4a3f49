"""The generator's own stage: everything `build.py` does except MkDocs's rendering.

    python bench/stage.py PLAN_DIR NOW
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import calendars

from generator.editor import schema as editor_schema

from generator import feeds

from generator.site import pages  # noqa: E402
from generator.plan.check import check_plan  # noqa: E402
from generator.build.prepare import resolve_now  # noqa: E402
from generator.lint import lint  # noqa: E402
from generator.plan.visibility import view  # noqa: E402
from generator.plan.specs import parse_moment  # noqa: E402


def main(root: Path, now_text: str) -> int:
    result = check_plan(root)
    if result.plan is None:
        return 1
    now = resolve_now(parse_moment(now_text), result.plan.site.timezone)
    shown = view(result.plan, now, drafts=False)
    lint(shown.plan, now)
    outputs = [
        *pages.render(shown.plan, shown),
        *calendars.render(shown.plan, shown),
        *feeds.render(shown.plan, shown),
        *editor_schema.render(result.plan),
    ]
    return 0 if outputs else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
