"""A small Language Server Protocol client over stdio, enough to ask yaml-language-server (the
server behind Red Hat's YAML extension for VS Code) what an editor would show: the diagnostics of an
open file and the hover text at a position."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path

# What the VS Code extension sends by default, minus the online schema store (no network).
SETTINGS = {
    "validate": True,
    "hover": True,
    "completion": True,
    "format": {"enable": False},
    "schemaStore": {"enable": False},
}


class YamlLanguageServer:
    def __init__(self, root: Path, timeout: float = 60, schemas: dict | None = None):
        """`schemas`: schema URI -> glob, as the "yaml.schemas" setting of VS Code."""
        self.settings = {**SETTINGS, "schemas": schemas or {}}
        self.timeout, self._next_id, self._inbox = timeout, 0, queue.Queue[dict]()
        server = root / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
        self._proc = subprocess.Popen(
            ["node", str(server), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {
                    "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}, "publishDiagnostics": {}},
                    "workspace": {"configuration": True},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.settings}})

    def _read(self):
        out = self._proc.stdout
        while True:
            length = None
            while (line := out.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if line == b"" or length is None:
                return
            self._inbox.put(json.loads(out.read(length)))

    def _send(self, message: dict):
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self._proc.stdin
        assert stdin is not None  # started with stdin=PIPE
        stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
        stdin.flush()

    def notify(self, method: str, params: dict):
        self._send({"method": method, "params": params})

    def _wait(self, wanted):
        """The first message for which `wanted` is true, answering the server's own requests."""
        end = time.monotonic() + self.timeout
        while time.monotonic() < end:
            try:
                message = self._inbox.get(timeout=1)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # the server asks for settings
                items = message.get("params", {}).get("items", [])
                self._send({"id": message["id"], "result": [self.settings for _ in items] if items else None})
            elif wanted(message):
                return message
        raise TimeoutError("yaml-language-server svarade inte")

    def request(self, method: str, params: dict):
        self._next_id += 1
        number = self._next_id
        self._send({"id": number, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == number).get("result")

    def open(self, file: Path, text: str) -> list[dict]:
        """Open `text` as the content of `file` and return the diagnostics the server publishes."""
        uri = file.resolve().as_uri()
        self.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
        )
        message = self._wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )
        return message["params"]["diagnostics"]

    def hover(self, file: Path, line: int, character: int) -> str:
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": file.resolve().as_uri()}, "position": {"line": line, "character": character}},
        )
        return result["contents"]["value"] if result else ""

    def complete(self, file: Path, line: int, character: int) -> list[str]:
        """The labels the editor offers when completing at the position."""
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": file.resolve().as_uri()}, "position": {"line": line, "character": character}},
        )
        return [item["label"] for item in (result.get("items", []) if isinstance(result, dict) else result or [])]

    def close(self):
        self._proc.kill()
        self._proc.wait()
