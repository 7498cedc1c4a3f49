"""Sending a digest's messages to a group bot's webhook: the one place that posts.

The URL comes from the environment (`PLAN_WEBHOOK_URL`, read by the command
line), never from the repository: it carries the bot's secret key, so it is
never said whole (`redacted`). Each message is POSTed as the platform's JSON
with a timeout; a failure that may pass (no answer, a broken connection, HTTP
5xx or 429, a platform's "too fast" code) is tried again a bounded number of
times, waiting longer each time (1 s, 2 s, 4 s…, or the server's
`Retry-After`). A failure that will not pass (a wrong key, a keyword the bot
requires, a message refused) stops at once. Messages go in order; the first
that fails for good stops the rest.

Each platform answers HTTP 200 with a code in its JSON, 0 for success:

- WeCom `{"errcode": 0, "errmsg": "ok"}`; 45009 is "api freq out of limit"
  (20 messages a minute per bot), -1 "system busy"
  (https://developer.work.weixin.qq.com/document/path/91770, global codes
  https://developer.work.weixin.qq.com/document/path/90313).
- Feishu `{"code": 0, "msg": "success", "data": {}}`, older bots
  `{"StatusCode": 0, "StatusMessage": "success"}`; 11232 is its rate limit
  (100 a minute, 5 a second), 9499 a bad request, 19021 a wrong signature,
  19024 a missing keyword (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot).
- DingTalk `{"errcode": 0, "errmsg": "ok"}`; 130101 is "send too fast,
  exceed 20 times per minute" (as in ccfos/nightingale#369), 310000 a
  keyword, signature or IP refused (https://open.dingtalk.com/document/robots/custom-robot-access).

A bot set to sign its messages ("加签") takes `PLAN_WEBHOOK_SECRET`: DingTalk
as `timestamp` and `sign` in the URL, Feishu in the body (each as its
document above says); WeCom has no signing.

Nothing here prints: what happened is returned as values (`Outcome`), and
each retry is told to `on_retry`; the command line says them in the plan's
language.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.digest.formats import DINGTALK, FEISHU, WECOM, encode

TIMEOUT = 10.0  # seconds for one answer
RETRIES = 2  # further tries of a message after a failure that may pass
BACKOFF = 1.0  # seconds before the first retry; doubled each time
MAX_WAIT = 60.0  # the longest wait a `Retry-After` gets
PAUSE = 0.3  # seconds between two messages (Feishu takes 5 a second)

_URL = re.compile(r"\S+://\S+")

TIMEOUT_FAILURE, NETWORK, HTTP, CODE, ANSWER = "timeout", "network", "http", "code", "answer"

# Codes that say "not now" rather than "no": worth another try.
_PASSING_CODES: dict[str, frozenset[int]] = {
    WECOM: frozenset({-1, 45009}),
    FEISHU: frozenset({11232}),
    DINGTALK: frozenset({-1, 130101}),
}


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one try did not get through."""

    kind: str  # timeout, network, http, code (the platform's error code), answer (not its JSON)
    status: int | None = None  # the HTTP status, when there was an answer
    code: int | None = None  # the platform's error code
    message: str = ""  # the platform's errmsg / msg, or the network's reason
    passing: bool = False  # worth trying again


@dataclass(frozen=True, slots=True)
class Retry:
    """A try that failed and is tried again after `wait` seconds."""

    message: int  # 1-based
    attempt: int  # the try that failed, 1-based
    failure: Failure
    wait: float


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the sending went: how many messages got through, and the failure that stopped it."""

    sent: int
    total: int
    failure: Failure | None = None
    attempts: int = 0  # the tries of the message that failed

    @property
    def ok(self) -> bool:
        return self.failure is None


def post(
    platform: str,
    url: str,
    payloads: Sequence[dict],
    *,
    timeout: float = TIMEOUT,
    retries: int = RETRIES,
    secret: str | None = None,
    on_retry: Callable[[Retry], None] = lambda retry: None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> Outcome:
    """Sends each payload in order; stops at the first that cannot be sent."""
    for index, payload in enumerate(payloads, 1):
        if index > 1:
            sleep(PAUSE)
        attempt = 0
        while True:
            attempt += 1
            target, body = _signed(platform, url, payload, secret, clock())
            failure, wait_hint = _send(platform, target, body, timeout)
            if failure is None:
                break
            if not failure.passing or attempt > retries:
                return Outcome(index - 1, len(payloads), failure, attempt)
            wait = max(BACKOFF * 2 ** (attempt - 1), min(wait_hint or 0.0, MAX_WAIT))
            on_retry(Retry(index, attempt, failure, wait))
            sleep(wait)
    return Outcome(len(payloads), len(payloads))


def redacted(url: str) -> str:
    """The URL as it may be said: its scheme and host, not its path or key."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}/…"


def _send(platform: str, url: str, body: bytes, timeout: float) -> tuple[Failure | None, float | None]:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "community-plan"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only: the CLI checks)
            return read_answer(platform, response.status, response.read()), None
    except urllib.error.HTTPError as error:
        data = error.read() if error.fp is not None else b""
        return read_answer(platform, error.code, data), _retry_after(error.headers.get("Retry-After"))
    except (TimeoutError, socket.timeout):
        return Failure(TIMEOUT_FAILURE, passing=True), None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            return Failure(TIMEOUT_FAILURE, passing=True), None
        return Failure(NETWORK, message=_reason(error.reason), passing=True), None
    except (ConnectionError, OSError) as error:  # a connection dropped while reading the answer
        return Failure(NETWORK, message=_reason(error), passing=True), None


def read_answer(platform: str, status: int, data: bytes) -> Failure | None:
    """The platform's verdict on one try: None when it took the message."""
    passing_status = status >= 500 or status == 429
    try:
        answer = json.loads(data.decode("utf-8")) if data else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        answer = None
    code, message = _code(platform, answer)
    if code is None:
        if 200 <= status < 300:
            return Failure(ANSWER, status=status, passing=False)
        return Failure(HTTP, status=status, passing=passing_status)
    if code == 0 and 200 <= status < 300:
        return None
    if code == 0:
        return Failure(HTTP, status=status, passing=passing_status)
    return Failure(CODE, status=status, code=code, message=message,
                   passing=passing_status or code in _PASSING_CODES[platform])


def _code(platform: str, answer: object) -> tuple[int | None, str]:
    """The error code and message of an answer, where each platform puts them."""
    if not isinstance(answer, dict):
        return None, ""
    if platform == FEISHU:
        keys = (("code", "msg"), ("StatusCode", "StatusMessage"))
    else:
        keys = (("errcode", "errmsg"),)
    for code_key, message_key in keys:
        value = answer.get(code_key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value, str(answer.get(message_key) or "")
    return None, ""


def _signed(platform: str, url: str, payload: dict, secret: str | None, now: float) -> tuple[str, bytes]:
    """The URL and body of one try, signed when the bot is: each try signs anew (a signature expires)."""
    if not secret:
        return url, encode(payload)
    if platform == DINGTALK:
        stamp = str(int(now * 1000))
        digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
        sign = urllib.parse.quote_plus(base64.b64encode(digest).decode())
        joiner = "&" if urllib.parse.urlsplit(url).query else "?"
        return f"{url}{joiner}timestamp={stamp}&sign={sign}", encode(payload)
    if platform == FEISHU:
        stamp = str(int(now))
        digest = hmac.new(f"{stamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
        return url, encode({"timestamp": stamp, "sign": base64.b64encode(digest).decode(), **payload})
    return url, encode(payload)


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _reason(reason: object) -> str:
    """A network failure's reason, without any URL in it (it could carry the key)."""
    text = str(reason.strerror if isinstance(reason, OSError) and reason.strerror else reason)
    return _URL.sub("…", text)
