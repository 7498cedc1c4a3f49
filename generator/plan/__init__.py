"""The plan: read the YAML, check it, assemble it into frozen values.

The bottom floor. `yamlfile` reads located nodes, `schema`/`specs` declare
and convert every field into values that keep where they were written,
`read` reads every file, `check` finds every problem, `assemble` takes the
checked files (never a YAML node), applies zones (`zones`) and identities
and returns the `model`. `visibility` decides what an
audience may see, `urls` where each output is published. Nothing here knows
about pages, calendars, feeds or MkDocs.
"""
