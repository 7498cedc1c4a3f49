"""The week in a group chat: `community-plan digest`.

The week's changes (`history`) and the next seven days' work by person
(`plan.work`) as a message for a group bot: WeCom (企业微信), Feishu (飞书),
DingTalk (钉钉), or plain Markdown. `content` says what the digest holds,
`formats` how each platform takes it (and splits what is too long), and
`webhook` sends it. A renderer beside the site, calendars and feeds: it
imports none of them.
"""

from __future__ import annotations

from datetime import datetime

from generator.digest import webhook
from generator.digest.content import lines
from generator.digest.formats import FORMATS, MARKDOWN, PLATFORMS, Message
from generator.digest.formats import render as _render
from generator.history import History
from generator.digest.webhook import Failure
from generator.plan.model import Plan
from generator.words import label

DAYS = 7  # the work ahead the digest lists

__all__ = ["DAYS", "FORMATS", "MARKDOWN", "PLATFORMS", "Failure", "Message", "failure_text", "render", "webhook"]


def render(format_name: str, plan: Plan, now: datetime, history: History, days: int = DAYS) -> list[Message]:
    """The digest as of `now`, in `format_name`'s messages (`plan` as of now: `View.plan`)."""
    return _render(format_name, lines(plan, now, history, days), plan.site.language)


def failure_text(language: str, platform: str, failure: Failure, timeout: float) -> str:
    """Why a send did not get through, in the plan's language (never with the URL: it holds the key)."""
    name = label(language, f"digest.platform.{platform}")
    if failure.kind == webhook.TIMEOUT_FAILURE:
        return label(language, "digest.reason.timeout", seconds=f"{timeout:g}")
    if failure.kind == webhook.NETWORK:
        return label(language, "digest.reason.network", detail=failure.message)
    if failure.kind == webhook.CODE:
        return label(language, "digest.reason.code", platform=name, code=failure.code, message=failure.message)
    if failure.kind == webhook.ANSWER:
        return label(language, "digest.reason.answer", platform=name, status=failure.status)
    return label(language, "digest.reason.http", status=failure.status)
