"""`months`: the calendar steps through every month of the plan, across a year's end too."""

from __future__ import annotations

from datetime import date

from generator.site import months


def test_every_month_from_the_first_day_to_the_last_empty_ones_too() -> None:
    days = [date(2027, 11, 30), date(2028, 2, 1), date(2027, 12, 15)]
    assert months.span(days) == ((2027, 11), (2027, 12), (2028, 1), (2028, 2))
    assert months.span([]) == ()
    assert months.between((2027, 6), (2027, 6)) == ((2027, 6),)


def test_a_months_neighbours_cross_the_year() -> None:
    assert months.after((2027, 12)) == (2028, 1) and months.before((2028, 1)) == (2027, 12)
    assert months.after((2027, 6)) == (2027, 7) and months.before((2027, 6)) == (2027, 5)
