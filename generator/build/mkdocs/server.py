"""The preview's web server: MkDocs' live-reload server over the built folder."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer


def serve_folder(folder: Path, rebuild: Callable[[], bool], watched: Iterable[Path], host: str, port: int) -> None:
    """Serves `folder`, calling `rebuild` when a watched path changes (the
    browser reloads after it), until interrupted."""
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(folder))
    server.set_app(_with_utf8_text(server.serve_request))
    for path in watched:
        server.watch(str(path))
    print(f"preview: {server.url}  (Ctrl+C to stop)", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _with_utf8_text(app: Callable) -> Callable:
    """Every text file of the build is UTF-8: say so (`.ics` as
    `text/calendar; charset=utf-8`, which calendar apps rely on; Python's table
    of types gives text types without a charset)."""

    def wrapped(environ: dict, start_response: Callable) -> Iterable[bytes]:
        def start(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> object:
            headers = [(k, _utf8(v) if k.lower() == "content-type" else v) for k, v in headers]
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return wrapped


def _utf8(content_type: str) -> str:
    if content_type.startswith("text/") and "charset" not in content_type:
        return content_type + "; charset=utf-8"
    return content_type
