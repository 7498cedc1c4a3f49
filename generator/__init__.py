"""Turns a brand community's content plan (YAML) into a site, calendars and feeds.

Stages, each its own module, data flowing one way:
load (`yamlfile`) -> check (`check`, `schema`) -> model (`model`) ->
render (`calendars`, `feeds`, `pages`) -> write (`writer`).
"""
