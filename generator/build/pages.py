"""The site's pages, rendered on two cores when the build has them.

Entry pages are most of the work: `parallel.Cores` says whether half of them
go to the other core; the rest of the pages are rendered here meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.build.memo import Memo
from generator.history import History
from generator.build.parallel import Cores, started
from generator.plan.outputs import Finding, Output
from generator.plan.model import Plan
from generator.plan.visibility import View
from generator.site import pages


def render_pages(
    plan: Plan,
    view: View,
    findings: tuple[Finding, ...],
    cores: Cores,
    memo: Memo[str] | None = None,
    history: Callable[[], History] | None = None,
) -> list[Output]:
    """Every page; the changes page last, once `history` gives this week's
    changes (read on another core meanwhile: `build.pipeline`)."""
    if memo is not None:
        memo.next_build()
    site = pages.prepare(plan, view, findings, memo)
    theirs = site.entries[len(site.entries) // 2 :] if cores.split_entry_pages else ()
    ours = site.entries[: len(site.entries) - len(theirs)]
    with started(lambda: site.entry_pages(theirs), worth_a_process=bool(theirs)) as other_half:
        outputs = [*site.other_pages(), *site.entry_pages(ours)]
        outputs += other_half.result()
    if history is not None:
        outputs.append(site.changes_page(history()))
    return sorted(outputs, key=lambda o: o.path)
