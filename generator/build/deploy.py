"""`community-plan deploy s3://BUCKET[/PREFIX] [--endpoint URL]`: the built
site, uploaded to an S3-compatible bucket (Aliyun OSS, Tencent COS, MinIO,
SeaweedFS, Amazon S3) that serves it.

- Credentials come from the environment: `AWS_ACCESS_KEY_ID` and
  `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`, `AWS_REGION` when
  given). A missing one is named, never printed.
- Only what changed goes up: a file whose MD5 is the object's ETag (what S3
  gives a single-part upload, which is all this makes) is left alone.
  Objects under the prefix that the site no longer has are deleted.
- Each object gets its content type (`text/calendar; charset=utf-8` for a
  calendar, `application/rss+xml` … for a feed: `content_type`) and
  `Cache-Control: no-cache` (a cache asks before reusing it: a feed or a
  calendar must not be served stale for hours after a rebuild).
- The order never leaves a page pointing at a missing file, even when the
  upload stops half-way: files pages point at (styles, scripts, images,
  calendars, feeds) first, then new pages, then changed ones, the sitemap,
  the home page, and `build.json` last (the mark that this build is
  published: a CI run that finds the old one deploys again); deletions only
  once everything is up.
- Path-style addressing for an endpoint on an IP address or `localhost`
  (MinIO, SeaweedFS on one machine); virtual-hosted style otherwise (OSS
  accepts no other).
"""

from __future__ import annotations

import hashlib
import ipaddress
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.build.stamp import FILE as BUILD_JSON

CREDENTIALS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
DEFAULT_REGION = "us-east-1"
CACHE_CONTROL = "no-cache"

_TYPES = (  # by the end of the name; the first that fits
    (".rss.xml", "application/rss+xml; charset=utf-8"),
    (".atom.xml", "application/atom+xml; charset=utf-8"),
    (".ics", "text/calendar; charset=utf-8"),
    (".html", "text/html; charset=utf-8"),
    (".css", "text/css; charset=utf-8"),
    (".js", "text/javascript; charset=utf-8"),
    (".json", "application/json; charset=utf-8"),
    (".xml", "application/xml; charset=utf-8"),
    (".svg", "image/svg+xml"),
    (".txt", "text/plain; charset=utf-8"),
    (".md", "text/markdown; charset=utf-8"),
    (".gz", "application/gzip"),
    (".woff2", "font/woff2"),
    (".webmanifest", "application/manifest+json"),
)
_LATE = ("sitemap.xml", "sitemap.xml.gz")  # they name pages: after the pages


class DeployError(Exception):
    """What went wrong, as a words key (`deploy.*`) and its values: the command line says it."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class Target:
    bucket: str
    prefix: str  # "" or ends with "/"


@dataclass(frozen=True, slots=True)
class Report:
    uploaded: tuple[str, ...]  # keys, in the order they went up
    deleted: tuple[str, ...]
    kept: int

    def counts(self) -> dict[str, int]:
        return {"uploaded": len(self.uploaded), "deleted": len(self.deleted), "kept": self.kept}


def content_type(path: str) -> str:
    """The Content-Type a browser, a calendar app and a feed reader expect of a file of the site."""
    name = path.lower()
    if name.startswith("feeds/") and name.endswith(".json"):  # JSON Feed; other .json is plain JSON
        return "application/feed+json; charset=utf-8"
    for ending, kind in _TYPES:
        if name.endswith(ending):
            return kind
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def parse_target(text: str) -> Target:
    if not text.startswith("s3://"):
        raise DeployError("deploy.bad_target", target=text)
    bucket, _, prefix = text.removeprefix("s3://").partition("/")
    if not bucket or any(c in bucket for c in " ?#"):
        raise DeployError("deploy.bad_target", target=text)
    prefix = prefix.strip("/")
    return Target(bucket, f"{prefix}/" if prefix else "")


def plan_uploads(local: Mapping[str, str], remote: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """What to upload, in a safe order, and what to delete: site paths, from each
    side's MD5 by path (`local`: the built files; `remote`: the objects' ETags)."""
    changed = [p for p in local if remote.get(p) != local[p]]

    def rank(path: str) -> tuple[int, str]:
        if path == BUILD_JSON:
            return (6, path)
        if path == "index.html":
            return (5, path)
        if path in _LATE:
            return (4, path)
        if path.endswith(".html"):
            return (3 if path in remote else 2, path)  # a new page before the changed pages that link it
        return (1, path)

    return sorted(changed, key=rank), sorted(p for p in remote if p not in local)


def publish(out: Path, target_text: str, endpoint: str | None, environ: Mapping[str, str]) -> Report:
    """Uploads the built site in `out` to the bucket; raises `DeployError`, leaving
    the published site as it was (see the module's docstring), on any failure."""
    target = parse_target(target_text)
    missing = [name for name in CREDENTIALS if not environ.get(name)]
    if missing:
        raise DeployError("deploy.no_credentials", names=", ".join(missing))
    if endpoint is not None and urlsplit(endpoint).scheme not in ("http", "https"):
        raise DeployError("deploy.bad_target", target=endpoint)
    if not (out / "index.html").is_file():
        raise DeployError("deploy.no_site", out=str(out))
    local = {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*")) if p.is_file()}
    digests = {path: hashlib.md5(file.read_bytes()).hexdigest() for path, file in local.items()}
    client, errors = _client(endpoint, environ)
    where = endpoint or "S3"
    uploading = False  # refused before anything went up, or failed on the way
    try:
        remote = _listing(client, target)
        uploads, deletions = plan_uploads(digests, remote)
        uploading = True
        for path in uploads:
            client.put_object(
                Bucket=target.bucket, Key=target.prefix + path, Body=local[path].read_bytes(),
                ContentType=content_type(path), CacheControl=CACHE_CONTROL,
            )
        for start in range(0, len(deletions), 1000):  # DeleteObjects takes 1000 keys at most
            batch = [{"Key": target.prefix + p} for p in deletions[start : start + 1000]]
            client.delete_objects(Bucket=target.bucket, Delete={"Objects": batch, "Quiet": True})
    except errors.connection as error:
        raise DeployError("deploy.unreachable", endpoint=where, detail=str(error)) from error
    except errors.client as error:
        code = str(error.response.get("Error", {}).get("Code", "?"))
        message = str(error.response.get("Error", {}).get("Message", "")) or str(error)
        if uploading:
            raise DeployError("deploy.failed", detail=f"{code}: {message}") from error
        raise DeployError("deploy.refused", code=code, detail=message) from error
    except errors.other as error:
        raise DeployError("deploy.failed", detail=f"{type(error).__name__}: {error}") from error
    return Report(tuple(uploads), tuple(deletions), len(local) - len(uploads))


@dataclass(frozen=True)
class _Errors:
    connection: tuple[type[BaseException], ...]
    client: type[Exception]
    other: tuple[type[BaseException], ...]


def _client(endpoint: str | None, environ: Mapping[str, str]):  # type: ignore[no-untyped-def]
    import boto3  # imported when deploying only: the build does not need it
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError, ConnectionClosedError, EndpointConnectionError

    host = urlsplit(endpoint).hostname or "" if endpoint else ""
    config = Config(
        s3={"addressing_style": "path" if _local(host) else "virtual"},
        # many S3-compatible services (OSS, COS, older MinIO) refuse the CRC checksums boto3 adds by default
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        connect_timeout=10,
        read_timeout=60,
        retries={"max_attempts": 3, "mode": "standard"},
    )
    client = boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=environ["AWS_SECRET_ACCESS_KEY"],
        aws_session_token=environ.get("AWS_SESSION_TOKEN") or None,
        region_name=environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION,
        config=config,
    )
    return client, _Errors((EndpointConnectionError, ConnectionClosedError), ClientError, (BotoCoreError, OSError))


def _local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _listing(client, target: Target) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The site paths under the prefix and their ETags (quotes dropped)."""
    found: dict[str, str] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=target.bucket, Prefix=target.prefix):
        for item in page.get("Contents", ()):
            found[item["Key"][len(target.prefix) :]] = str(item.get("ETag", "")).strip('"')
    return found
