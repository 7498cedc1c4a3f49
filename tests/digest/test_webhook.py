"""`digest --post` against a real HTTP server on 127.0.0.1 (http.server in a
thread), answering as each platform does: success, a failure that passes,
one that lasts, no answer in time, and each platform's own error codes.
The command line runs as CI runs it, the webhook URL in PLAN_WEBHOOK_URL.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import run_cli
from support_history import NOW, busy_week, week_of_changes

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"  # the bot's secret key, in the URL as the platforms give it
OK = {
    "wecom": {"errcode": 0, "errmsg": "ok"},
    "feishu": {"code": 0, "msg": "success", "data": {}},
    "dingtalk": {"errcode": 0, "errmsg": "ok"},
}


@dataclass
class Bot:
    """A group bot's webhook: answers from a script (the last one repeats), records what it got."""

    answers: list[tuple[int, object, float]] = field(default_factory=list)  # status, JSON (or bytes), delay
    received: list[tuple[str, bytes]] = field(default_factory=list)  # path with query, body
    url: str = ""

    def answer(self, status: int, body: object, delay: float = 0.0) -> Bot:
        self.answers.append((status, body, delay))
        return self


@pytest.fixture
def bot() -> Iterator[Bot]:
    found = Bot()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            data = self.rfile.read(int(self.headers["Content-Length"]))
            found.received.append((self.path, data))
            index = min(len(found.received), len(found.answers)) - 1
            status, body, delay = found.answers[index]
            time.sleep(delay)
            payload = body if isinstance(body, bytes) else json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    found.url = f"http://127.0.0.1:{server.server_address[1]}/cgi-bin/webhook/send?key={KEY}"
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return week_of_changes(tmp_path_factory.mktemp("webhook") / "plan")


def _post(root: Path, bot: Bot, platform: str, *options: str, secret: str | None = None):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PLAN_WEBHOOK_URL"] = bot.url
    if secret:
        env["PLAN_WEBHOOK_SECRET"] = secret
    result = run_cli("digest", "--root", str(root), "--now", NOW, "--format", platform, "--post", *options, env=env)
    assert KEY not in result.stdout + result.stderr, "the webhook URL's key was printed"
    assert "Traceback" not in result.stderr
    return result


def _printed(root: Path, platform: str) -> list[bytes]:
    result = run_cli("digest", "--root", str(root), "--now", NOW, "--format", platform)
    return [line.encode("utf-8") for line in result.stdout.splitlines()]


@pytest.mark.parametrize("platform", ["wecom", "feishu", "dingtalk"])
def test_a_post_that_gets_through_sends_exactly_the_printed_message(repo: Path, bot: Bot, platform: str) -> None:
    bot.answer(200, OK[platform])
    result = _post(repo, bot, platform)
    assert result.returncode == 0, result.stderr
    assert [body for _, body in bot.received] == _printed(repo, platform)
    assert f"已发送 1 条消息到 http://127.0.0.1:{urlsplit(bot.url).port}/…" in result.stderr
    assert result.stdout == ""


def test_one_failed_answer_is_tried_again_and_the_post_survives(repo: Path, bot: Bot) -> None:
    bot.answer(500, b"<html>502 Bad Gateway</html>").answer(200, OK["wecom"])
    result = _post(repo, bot, "wecom")
    assert result.returncode == 0, result.stderr
    assert len(bot.received) == 2 and bot.received[0][1] == bot.received[1][1]
    assert "第 1 次发送没有成功（服务器应答 HTTP 500），1 秒后重试" in result.stderr
    assert "已发送 1 条消息" in result.stderr


@pytest.mark.parametrize(("platform", "answer"), [
    ("wecom", {"errcode": 45009, "errmsg": "api freq out of limit"}),
    ("feishu", {"code": 11232, "msg": "frequency limited"}),
    ("dingtalk", {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}),
])
def test_a_platforms_too_fast_code_is_tried_again(repo: Path, bot: Bot, platform: str, answer: dict) -> None:
    bot.answer(200, answer).answer(200, OK[platform])
    result = _post(repo, bot, platform)
    assert result.returncode == 0, result.stderr
    assert len(bot.received) == 2 and str(next(v for v in answer.values() if isinstance(v, int))) in result.stderr


def test_a_lasting_failure_is_tried_a_bounded_number_of_times_then_exits_1(repo: Path, bot: Bot) -> None:
    bot.answer(503, b"")
    started = time.monotonic()
    result = _post(repo, bot, "dingtalk", "--retries", "2")
    assert result.returncode == 1
    assert len(bot.received) == 3  # the first try and two more
    assert "发送失败：第 1/1 条消息试了 3 次，服务器应答 HTTP 503" in result.stderr
    assert "1 秒后重试" in result.stderr and "2 秒后重试" in result.stderr  # waiting longer each time
    assert time.monotonic() - started < 60


def test_no_answer_in_time_is_a_timeout(repo: Path, bot: Bot) -> None:
    bot.answer(200, OK["feishu"], delay=5)
    result = _post(repo, bot, "feishu", "--timeout", "0.5", "--retries", "1")
    assert result.returncode == 1
    assert len(bot.received) == 2
    assert "0.5 秒内没有应答" in result.stderr and "试了 2 次" in result.stderr


@pytest.mark.parametrize(("platform", "answer", "said"), [
    ("wecom", {"errcode": 93000, "errmsg": "invalid webhook url, hint: [1718]"},
     "企业微信返回错误码 93000：invalid webhook url"),
    ("wecom", {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"},
     "企业微信返回错误码 40058：markdown.content exceed max length 4096"),
    ("feishu", {"code": 19024, "msg": "Key Words Not Found"}, "飞书返回错误码 19024：Key Words Not Found"),
    ("feishu", {"code": 9499, "msg": "Bad Request", "data": {}}, "飞书返回错误码 9499：Bad Request"),
    ("feishu", {"Extra": None, "StatusCode": 19021, "StatusMessage": "sign match fail"},
     "飞书返回错误码 19021：sign match fail"),
    ("dingtalk", {"errcode": 310000, "errmsg": "keywords not in content"},
     "钉钉返回错误码 310000：keywords not in content"),
    ("dingtalk", {"errcode": 300001, "errmsg": "token is not exist"}, "钉钉返回错误码 300001：token is not exist"),
])
def test_each_platforms_error_code_stops_at_once_and_is_said(
    repo: Path, bot: Bot, platform: str, answer: dict, said: str
) -> None:
    bot.answer(200, answer)  # the platforms answer HTTP 200 with the error in the JSON
    result = _post(repo, bot, platform)
    assert result.returncode == 1
    assert len(bot.received) == 1  # a wrong key or keyword does not get better by trying again
    assert said in result.stderr and "试了 1 次" in result.stderr


def test_an_answer_that_is_not_the_platforms_json(repo: Path, bot: Bot) -> None:
    bot.answer(200, b"<html>login</html>")
    result = _post(repo, bot, "wecom")
    assert result.returncode == 1 and "应答不是企业微信的 JSON（HTTP 200）" in result.stderr


def test_a_long_digest_goes_as_several_messages_in_order(tmp_path: Path, bot: Bot) -> None:
    root = busy_week(week_of_changes(tmp_path / "plan"))
    bot.answer(200, OK["wecom"])
    result = _post(root, bot, "wecom")
    assert result.returncode == 0, result.stderr
    printed = _printed(root, "wecom")
    assert len(printed) >= 2 and [body for _, body in bot.received] == printed
    assert f"已发送 {len(printed)} 条消息" in result.stderr


def test_when_a_later_message_fails_it_says_which_were_sent(tmp_path: Path, bot: Bot) -> None:
    root = busy_week(week_of_changes(tmp_path / "plan"))
    bot.answer(200, OK["wecom"]).answer(200, {"errcode": 93000, "errmsg": "invalid webhook url"})
    result = _post(root, bot, "wecom")
    assert result.returncode == 1
    assert "第 2/" in result.stderr and "前 1 条已经发出，后面的没有发。" in result.stderr


def test_a_signed_bot_gets_its_signature(repo: Path, bot: Bot) -> None:
    secret = "SEC0123456789abcdef"
    bot.answer(200, OK["dingtalk"])
    assert _post(repo, bot, "dingtalk", secret=secret).returncode == 0
    query = parse_qs(urlsplit(bot.received[0][0]).query)
    stamp, sign = query["timestamp"][0], query["sign"][0]
    expected = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    assert sign == base64.b64encode(expected).decode() and query["key"] == [KEY]

    bot.received.clear()
    bot.answers[:] = [(200, OK["feishu"], 0.0)]
    assert _post(repo, bot, "feishu", secret=secret).returncode == 0
    body = json.loads(bot.received[0][1])
    expected = hmac.new(f"{body['timestamp']}\n{secret}".encode(), b"", hashlib.sha256).digest()
    assert body["sign"] == base64.b64encode(expected).decode() and body["msg_type"] == "interactive"


def test_without_a_webhook_url_it_says_where_to_put_one(repo: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PLAN_WEBHOOK_URL"}
    result = run_cli("digest", "--root", str(repo), "--now", NOW, "--format", "wecom", "--post", env=env)
    assert result.returncode == 1 and "PLAN_WEBHOOK_URL" in result.stderr and "secrets" in result.stderr
    env["PLAN_WEBHOOK_URL"] = "file:///etc/passwd"
    result = run_cli("digest", "--root", str(repo), "--now", NOW, "--format", "wecom", "--post", env=env)
    assert result.returncode == 1 and "不是 http(s) 地址" in result.stderr and "/etc/passwd" not in result.stderr


def test_plain_markdown_cannot_be_posted(repo: Path) -> None:
    result = run_cli("digest", "--root", str(repo), "--format", "markdown", "--post")
    assert result.returncode == 2 and "--format wecom" in result.stderr
