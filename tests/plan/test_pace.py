"""`plan.pace`: where a KPI stands on a day, against the pace line to its due date."""

from __future__ import annotations

from datetime import date

from conftest import PLANS, load_plan
from generator.plan.model import Actual, Kpi
from generator.plan.pace import AHEAD, BEHIND, NO_PACE, ON_PACE, Point, pace_value, plan_start, standing


def _kpi(baseline: float, target: float, *rows: tuple[date, float], due: date | None = date(2027, 12, 31)) -> Kpi:
    actuals = tuple(Actual(day, value) for day, value in rows)
    return Kpi("k", "K", "", baseline, target, actuals[-1].value if actuals else None, due, "g", actuals,
               actuals[-1].date if actuals else None)


def test_the_pace_line_runs_from_the_first_measurement_to_the_target_on_due() -> None:
    kpi = _kpi(1000, 2000, (date(2027, 1, 31), 1100), (date(2027, 4, 15), 1460))
    s = standing(kpi, date(2027, 4, 20), None)
    assert (s.start, s.end) == (Point(date(2027, 1, 31), 1100), Point(date(2027, 12, 31), 2000))
    assert s.expected == 1100 + 900 * 74 / 334  # 74 of the 334 days gone
    assert (s.pace, s.value, s.as_of, s.worse, s.percent) == (AHEAD, 1460, date(2027, 4, 15), False, 46)


def test_a_target_below_the_baseline_is_behind_when_the_value_is_above_the_line() -> None:
    kpi = _kpi(10, 4, (date(2027, 1, 31), 9.5), (date(2027, 4, 18), 8.8), due=date(2027, 6, 30))
    s = standing(kpi, date(2027, 4, 20), None)
    assert round(s.expected, 3) == round(9.5 - 5.5 * 77 / 150, 3)
    assert s.pace == BEHIND and not s.worse


def test_on_the_line_is_on_pace_and_after_due_the_target_is_the_pace() -> None:
    kpi = _kpi(0, 10, (date(2027, 1, 1), 0), (date(2027, 1, 6), 5), due=date(2027, 1, 11))
    assert standing(kpi, date(2027, 1, 6), None).pace == ON_PACE  # half the days, half the way
    late = _kpi(0, 10, (date(2027, 1, 1), 0), (date(2027, 8, 1), 9.5), due=date(2027, 6, 30))
    assert pace_value(late, Point(date(2027, 1, 1), 0), date(2027, 8, 1)) == 10
    assert standing(late, date(2027, 8, 1), None).pace == BEHIND


def test_a_value_past_the_baseline_the_wrong_way_is_worse() -> None:
    kpi = _kpi(30, 36, (date(2027, 1, 31), 29.5), (date(2027, 3, 31), 28.6))
    s = standing(kpi, date(2027, 4, 20), None)
    assert (s.worse, s.percent, s.pace) == (True, 0, BEHIND)


def test_only_what_is_known_on_the_day_counts() -> None:
    kpi = _kpi(1000, 2000, (date(2027, 1, 31), 1100), (date(2027, 5, 31), 1600))
    s = standing(kpi, date(2027, 4, 20), None)
    assert [a.value for a in s.known] == [1100] and (s.value, s.as_of) == (1100, date(2027, 1, 31))
    before = standing(kpi, date(2027, 1, 1), date(2027, 1, 1))
    # nothing measured yet: no value (site.yaml's undated actual is replaced), the line from the plan's start
    assert (before.value, before.pace, before.start) == (None, NO_PACE, Point(date(2027, 1, 1), 1000))


def test_without_due_or_without_dated_measurements_there_is_no_pace() -> None:
    no_due = standing(_kpi(4, 4.5, (date(2027, 3, 15), 4.1), due=None), date(2027, 4, 20), date(2027, 1, 1))
    assert (no_due.pace, no_due.start, no_due.expected, no_due.value) == (NO_PACE, None, None, 4.1)
    undated = Kpi("k", "K", "", 10, 50, 12, date(2027, 12, 31), "g")
    s = standing(undated, date(2027, 4, 20), date(2027, 3, 1))
    assert (s.value, s.as_of, s.pace, s.start) == (12, None, NO_PACE, Point(date(2027, 3, 1), 10))


def test_the_plan_starts_with_its_first_post_event_or_campaign() -> None:
    assert plan_start(load_plan(PLANS / "report-basic")) == date(2027, 3, 2)


def test_a_gap_smaller_than_the_figures_precision_is_on_pace() -> None:
    # the line stands at 58.3 on the day of a measurement of 58: a team that writes
    # whole numbers is on pace, never "behind: 58, expected 58"
    kpi = _kpi(0, 100, (date(2027, 1, 1), 0), (date(2027, 7, 2), 58), due=date(2027, 11, 9))
    s = standing(kpi, date(2027, 7, 2), None)
    assert 58 < s.expected < 58.5
    assert s.pace == ON_PACE
    # figures written to a decimal see the gap: 58 against 58.6
    precise = _kpi(0, 100.5, (date(2027, 1, 1), 0), (date(2027, 7, 2), 58), due=date(2027, 11, 9))
    assert standing(precise, date(2027, 7, 2), None).pace == BEHIND
