"""`newsctl server` at the byte level: what a broken client sends must not stop the server."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from typing import Any

import pytest


class Wire:
    """A minimal LSP transport over the server process's pipes."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsctl", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def send_raw(self, body: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.send_raw(json.dumps(message).encode("utf-8"))

    def receive(self, timeout: float = 20) -> dict[str, Any]:
        """The next message from the server (a timeout fails the test rather than hanging it)."""
        result: list[dict[str, Any]] = []

        def read() -> None:
            assert self.proc.stdout is not None
            length = 0
            while True:
                line = self.proc.stdout.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line in (b"\r\n", b"\n"):
                    result.append(json.loads(self.proc.stdout.read(length)))
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(timeout)
        if not result:
            pytest.fail("no answer from the server")
        return result[0]

    def response(self, msg_id: Any) -> dict[str, Any]:
        """The response to one request, skipping the server's notifications and requests."""
        while True:
            message = self.receive()
            if "method" not in message and message.get("id") == msg_id:
                return message

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()


@pytest.fixture
def wire():
    w = Wire()
    yield w
    w.close()


INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}


def test_a_body_that_is_not_json_gets_a_parse_error_and_the_server_goes_on(wire: Wire):
    wire.send_raw(b'{"jsonrpc": "2.0", "id": 7, "method": "initialize", "params": {')
    error = wire.receive()
    assert error["id"] is None
    assert error["error"]["code"] == -32700
    wire.send(INITIALIZE)
    answer = wire.response(1)
    assert answer["result"]["serverInfo"]["name"] == "newsctl"


def test_requests_with_bad_params_are_answered_and_shutdown_exits_zero(wire: Wire):
    wire.send(INITIALIZE)
    wire.response(1)
    wire.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    wire.send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": {"textDocument": "nope"}})
    bad = wire.response(2)
    assert bad["error"]["code"] == -32602
    assert bad["error"]["message"].startswith("Invalid params for textDocument/documentSymbol")
    wire.send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
    assert wire.response(3) == {"jsonrpc": "2.0", "id": 3, "result": None}
    wire.send({"jsonrpc": "2.0", "method": "exit"})
    assert wire.proc.wait(20) == 0


def test_a_malformed_notification_is_ignored_and_the_server_goes_on(wire: Wire):
    wire.send(INITIALIZE)
    wire.response(1)
    wire.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 5}}})
    wire.send({"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand", "params": {"command": "newsctl.explain", "arguments": ["H001"]}})
    before = []
    while (message := wire.receive()).get("id") != 2 or "method" in message:
        before.append(message.get("method"))
    assert message["result"].startswith("H001 assistant-leftover")
    assert "window/showMessage" not in before[:-1]  # the last one is explain's own message
    assert before[-1:] == ["window/showMessage"]
