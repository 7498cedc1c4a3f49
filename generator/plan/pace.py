"""Where a KPI stands on a day: the pace rule, said once.

- What is known on a day is the measurements (`Kpi.actuals`) dated on or
  before it: a build as of 2027-03-01 does not know April's figure (the lint
  warns about one dated after the build's now). A KPI with no measurement in
  actuals.csv keeps site.yaml's undated `actual`, which has no pace.
- The pace line runs from the first measurement (its date and value), or,
  with none, from the plan's start at the baseline, straight to the target on
  `due`. A KPI without `due` has no pace.
- A KPI is behind pace when its latest known value is on the baseline's side
  of the pace line on that value's date (after `due`: short of the target),
  ahead when on the target's side, on pace when on the line. "On the line" is
  at the precision the team writes the KPI's figures in (58 against a line at
  58.3 is on pace): a manager never reads "behind: 58, expected 58".
- It is worse when the value is on the far side of the baseline from the
  target (fewer members than when the plan began; a slower response).

The home page, the report and the charts all read `standing`, none decides again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from generator.plan.model import Actual, Campaign, Event, Kpi, Moment, Plan, starts_at

AHEAD, ON_PACE, BEHIND, NO_PACE = "ahead", "on-pace", "behind", "none"
_EPSILON = 1e-9  # figures are decimals: a value on the line is on pace, not a hair behind


@dataclass(frozen=True, slots=True)
class Point:
    day: date
    value: float


@dataclass(frozen=True, slots=True)
class Standing:
    """A KPI on a day. `pace` is one of AHEAD, ON_PACE, BEHIND, NO_PACE."""

    kpi: Kpi
    known: tuple[Actual, ...]  # measurements dated on or before the day, oldest first
    value: float | None  # the latest known, else site.yaml's undated actual
    as_of: date | None  # the latest known measurement's date
    start: Point | None  # where the pace line begins (None: no pace line)
    expected: float | None  # the pace line's value on `as_of`
    pace: str
    worse: bool
    percent: int | None  # from baseline towards target, 0..100

    @property
    def end(self) -> Point | None:
        """Where the pace line ends: the target on `due`."""
        kpi = self.kpi
        return Point(kpi.due, kpi.target) if self.start is not None and kpi.due is not None else None


def standing(kpi: Kpi, day: date, plan_begins: date | None) -> Standing:
    """The KPI as known on `day`; `plan_begins` (`plan_start`) starts the pace
    line of a KPI that has no measurement yet."""
    known = tuple(a for a in kpi.actuals if a.date <= day)
    latest = known[-1] if known else None
    value = latest.value if latest else (kpi.actual if not kpi.actuals else None)
    start = _start(kpi, known, plan_begins)
    expected = pace_value(kpi, start, latest.date) if start is not None and latest is not None else None
    pace = NO_PACE
    if expected is not None and latest is not None:
        places = precision(kpi, known)
        ahead_by = (round(latest.value, places) - round(expected, places)) * _direction(kpi)
        pace = AHEAD if ahead_by > _EPSILON else BEHIND if ahead_by < -_EPSILON else ON_PACE
    return Standing(kpi, known, value, latest.date if latest else None, start, expected, pace,
                    is_worse(kpi, value), progress(kpi, value))


def precision(kpi: Kpi, known: tuple[Actual, ...]) -> int:
    """How many decimals the KPI's figures are written with (baseline, target,
    measurements): the pace line is shown, and compared, at that precision."""
    return max(_decimals(v) for v in (kpi.baseline, kpi.target, *(a.value for a in known)))


def _decimals(value: float) -> int:
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def pace_value(kpi: Kpi, start: Point, day: date) -> float:
    """Where the pace line stands on `day`: the target from `due` on."""
    due = kpi.due
    if due is None or day >= due or start.day >= due:
        return kpi.target
    if day <= start.day:
        return start.value
    share = (day - start.day).days / (due - start.day).days
    return start.value + (kpi.target - start.value) * share


def is_worse(kpi: Kpi, value: float | None) -> bool:
    if value is None or kpi.target == kpi.baseline:
        return False
    return (value - kpi.baseline) * (kpi.target - kpi.baseline) < 0


def progress(kpi: Kpi, value: float | None) -> int | None:
    """How far the value has come from baseline to target, 0..100; targets
    below the baseline (a response time to bring down) too."""
    if value is None:
        return None
    distance = kpi.target - kpi.baseline
    if distance == 0:
        return 100 if value == kpi.target else 0
    share = (value - kpi.baseline) / distance
    return round(min(1.0, max(0.0, share)) * 100)


def plan_start(plan: Plan) -> date | None:
    """The plan's first day: its earliest publication, event or campaign (a
    product's launch may be long past, and key dates are a calendar of the
    year: neither is the plan's work)."""
    zone = ZoneInfo(plan.site.timezone)
    days = [_day(slot.at, slot.zone, zone) for entry in plan.entries for slot in entry.slots]
    for entry in plan.entries:
        details = entry.details
        if isinstance(details, Event):
            days.append(_day(details.span.start, details.span.zone, zone))
        elif isinstance(details, Campaign):
            days.append(details.start)
    return min(days, default=None)


def local_day(now: datetime, zone: str) -> date:
    """The plan's day at a build's now."""
    return now.astimezone(ZoneInfo(zone)).date()


def _start(kpi: Kpi, known: tuple[Actual, ...], plan_begins: date | None) -> Point | None:
    """The first known measurement, else the plan's start at the baseline; none
    without `due`, or when that start is not before it."""
    if kpi.due is None:
        return None
    if known:
        start = Point(known[0].date, known[0].value)
    elif plan_begins is not None:
        start = Point(plan_begins, kpi.baseline)
    else:
        return None
    return start if start.day < kpi.due else None


def _direction(kpi: Kpi) -> int:
    return 1 if kpi.target > kpi.baseline else -1 if kpi.target < kpi.baseline else 0


def _day(value: Moment, own_zone: str, zone: ZoneInfo) -> date:
    return starts_at(value, own_zone).astimezone(zone).date() if isinstance(value, datetime) else value
