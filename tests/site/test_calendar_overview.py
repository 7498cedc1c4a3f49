"""`calendar_overview`: the overview's agenda of the coming weeks says who does
each thing and where it stands, read from the generated page of
tests/plans/site-views (now: Wednesday 5 May 2027). How far it reaches and where
it is cut (COMING_LIMIT) is in test_pages."""

from __future__ import annotations

from support_site import VIEWS, VIEWS_NOW, body, load_plan, rendered, text, texts


def test_the_overview_agenda_says_who_and_where_it_stands() -> None:
    doc = body(rendered(load_plan(VIEWS), VIEWS_NOW)["calendar/index.md"])
    rows = {text(r.cssselect(".plan-item__title")[0]): (texts(r, ".plan-item__owner"), texts(r, ".plan-badge"))
            for r in doc.cssselect(".plan-agenda li.plan-item")}
    assert rows["周日夜读"] == (["林晓"], ["已批准"])
    assert rows["柏林晚场"] == (["林晓"], ["已批准"])
