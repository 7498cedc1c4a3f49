"""The words of both languages, in one shape: `zh.py` and `en.py`, one flat table each.

Above the plan, beside the lint: every renderer and the command line take
their words from here, in the plan's `language`, and never spell one
themselves. Site labels keep bare keys; the rest are namespaced
(`problem.*`, `cli.*`, `ics.*`, `feed.*`, `field.*`, `new.*`, `date.*`,
`remind.*`, `repeat.*`, `punct.*`).
"""

from generator.plan.schema import LANGUAGES
from generator.words.labels import aside, catalog, field_help, label, listing, plural, stage_name, weekday_list
from generator.words.problems import problem_line, problem_text

__all__ = [
    "LANGUAGES",
    "aside",
    "catalog",
    "field_help",
    "label",
    "listing",
    "plural",
    "problem_line",
    "problem_text",
    "stage_name",
    "weekday_list",
]
