"""Small typed validators that turn located YAML nodes into typed values.

Each spec converts one node or reports located problems and returns `INVALID`;
it never raises for bad input. Records and lists convert to `Fields` and
`Items`, which keep where each value was written. Specs also describe
themselves as JSON Schema, so the editor schema comes from the same
declarations as the checker.

`core`: the context and base class; `parse`: ids, dates and moments from text;
`scalars`: one-value specs; `containers`: lists, records and switches.
"""

from generator.plan.specs.containers import NO_ITEMS, Field, Fields, Items, ListOf, MapOf, Record, Rule, Switch, source_of
from generator.plan.specs.core import INVALID, Context, Reference, Spec, kind_of, suggestion
from generator.plan.specs.parse import ID_MAX, ID_PATTERN, parse_date, parse_moment
from generator.plan.specs.scalars import (
    Choice,
    Color,
    DateSpec,
    Email,
    Id,
    ImagePath,
    MomentSpec,
    Number,
    Ref,
    Reminder,
    Text,
    Topic,
    Url,
    Zone,
)

__all__ = [
    "INVALID",
    "ID_MAX",
    "ID_PATTERN",
    "NO_ITEMS",
    "Choice",
    "Color",
    "Context",
    "DateSpec",
    "Email",
    "Field",
    "Fields",
    "Id",
    "ImagePath",
    "Items",
    "ListOf",
    "MapOf",
    "MomentSpec",
    "Number",
    "Record",
    "Ref",
    "Reference",
    "Reminder",
    "Rule",
    "Spec",
    "Switch",
    "Text",
    "Topic",
    "Url",
    "Zone",
    "kind_of",
    "parse_date",
    "parse_moment",
    "source_of",
    "suggestion",
]
