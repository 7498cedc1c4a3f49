"""A minimal Language Server Protocol client for yaml-language-server, the
engine of VS Code's YAML extension, talking JSON-RPC over stdio."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

SERVER = Path(__file__).resolve().parent.parent / ".tools" / "node_modules" / ".bin" / "yaml-language-server"


class YamlLanguageServer:
    def __init__(self, workspace: Path, schemas: dict[str, str]) -> None:
        if not SERVER.exists():
            raise RuntimeError(f"{SERVER} is missing: run `make test` (it installs yaml-language-server)")
        self.process = subprocess.Popen(
            [str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        uri = workspace.as_uri()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "plan"}],
                "capabilities": {"textDocument": {"completion": {"completionItem": {"snippetSupport": False}}}},
            },
        )
        self.notify("initialized", {})
        self.settings = {"yaml": {"schemas": {(workspace / k).as_uri(): v for k, v in schemas.items()},
                                  "validate": True, "completion": True, "hover": True}}
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    return
                header += byte
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 60) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self._send({"id": wanted, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == wanted and "method" not in m, timeout).get("result")

    def _wait(self, matches, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.2)
            except queue.Empty:
                continue
            if message.get("method") == "workspace/configuration":  # the server asks for settings
                answers = [self.settings.get(item.get("section", ""), {}) for item in message["params"]["items"]]
                self._send({"id": message["id"], "result": answers})
                continue
            if message.get("method") in ("client/registerCapability", "window/workDoneProgress/create"):
                self._send({"id": message["id"], "result": None})
                continue
            if matches(message):
                return message
        raise TimeoutError("yaml-language-server did not answer")

    def diagnostics(self, path: Path, text: str, timeout: float = 60) -> list[dict[str, Any]]:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        found = self._wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout
        )
        return found["params"]["diagnostics"]

    def completion(self, path: Path, line: int, character: int) -> list[str]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character}},
        )
        items = result.get("items", []) if isinstance(result, dict) else (result or [])
        return [item["label"] for item in items]

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
