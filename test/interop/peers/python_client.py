"""A scripted WebSocket client on Python's `websockets` (Debian's python3-websockets 10.x, its
asyncio API) for the interop tests of our mock server: an implementation that shares no code
with the mock or with ws.

Usage: /usr/bin/python3 -I python_client.py

Reads one JSON command per line on stdin and answers each with one JSON line on stdout that
carries the command's "id". Commands, one connection per process:
  {"op": "connect", "url": U, "subprotocols": [..], "headers": {..}, "origin": O}
      -> {"open": true, "subprotocol": S} or {"open": false, "status": N} (the server refused the
         upgrade) or {"open": false, "error": "..."}
  {"op": "send", "text": T} | {"op": "send", "hex": H}   -> {"sent": true} or {"sent": false, "error"}
  {"op": "recv", "timeoutMs": N}
      -> {"kind": "text", "text": T, "frames": [[opcode, fin, length], ..], "atMs": N}
         | {"kind": "binary", "hex": H, "frames": .., "atMs": N} | {"timeout": true} | {"closed": CLOSE}
         (atMs: when its last frame arrived, on a monotonic clock in milliseconds)
  {"op": "ping", "hex": H, "timeoutMs": N}    -> {"pong": true, "ms": N} or {"pong": false}
  {"op": "flood", "bytes": N, "timeoutMs": N} -> sends N-byte binary messages until one cannot be
         written within timeoutMs (the peer stopped reading): {"sent": K, "blocked": true}; stops
         at 4096 messages ({"blocked": false}).
  {"op": "close", "code": C, "reason": R}     -> {"closed": CLOSE}
  {"op": "wait_closed", "timeoutMs": N}       -> {"closed": CLOSE} or {"timeout": true}
CLOSE is {"code": N, "reason": R, "received": {code, reason} | null, "sent": {..} | null,
"error": the exception that failed the connection, or null}: `received` null means TCP ended
without a close frame (websockets then says 1006); `sent` is the close frame websockets sent,
e.g. 1002 or 1007 when it failed the connection on a broken frame.

Exits when stdin closes, so it never outlives the test that started it.
"""

import asyncio
import json
import sys
import time

import websockets
from websockets.legacy.client import WebSocketClientProtocol


class RecordingProtocol(WebSocketClientProtocol):
    """Records the data frames of each message (websockets reassembles fragments)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.frames_of_messages = []
        self.current_frames = []

    async def read_data_frame(self, max_size):
        frame = await super().read_data_frame(max_size)
        if frame is not None:
            self.current_frames.append([frame.opcode.value, frame.fin, len(frame.data)])
            if frame.fin:
                self.frames_of_messages.append((self.current_frames, round(time.monotonic() * 1000)))
                self.current_frames = []
        return frame


def close_frame(close):
    return None if close is None else {"code": close.code, "reason": close.reason}


def close_report(ws):
    error = ws.transfer_data_exc
    return {
        "code": ws.close_code,
        "reason": ws.close_reason,
        "received": close_frame(ws.close_rcvd),
        "sent": close_frame(ws.close_sent),
        "error": None if error is None else f"{type(error).__name__}: {error}",
    }


class Client:
    def __init__(self):
        self.ws = None

    async def connect(self, cmd):
        try:
            self.ws = await websockets.connect(
                cmd["url"],
                subprotocols=cmd.get("subprotocols"),
                extra_headers=cmd.get("headers"),
                origin=cmd.get("origin"),
                compression=None if cmd.get("compression") is False else "deflate",
                ping_interval=None,
                open_timeout=10,
                close_timeout=2,
                create_protocol=RecordingProtocol,
            )
        except websockets.InvalidStatusCode as error:
            return {"open": False, "status": error.status_code}
        except Exception as error:  # the test asserts on what went wrong
            return {"open": False, "error": f"{type(error).__name__}: {error}"}
        return {"open": True, "subprotocol": self.ws.subprotocol}

    async def send(self, cmd):
        data = cmd["text"] if "text" in cmd else bytes.fromhex(cmd["hex"])
        try:
            await self.ws.send(data)
        except websockets.ConnectionClosed:
            return {"sent": False, "closed": close_report(self.ws)}
        return {"sent": True}

    async def recv(self, cmd):
        try:
            message = await asyncio.wait_for(self.ws.recv(), cmd.get("timeoutMs", 5000) / 1000)
        except asyncio.TimeoutError:
            return {"timeout": True}
        except websockets.ConnectionClosed:
            return {"closed": close_report(self.ws)}
        frames, at = self.ws.frames_of_messages.pop(0)
        if isinstance(message, str):
            return {"kind": "text", "text": message, "frames": frames, "atMs": at}
        return {"kind": "binary", "hex": message.hex(), "frames": frames, "atMs": at}

    async def ping(self, cmd):
        started = time.monotonic()
        waiter = await self.ws.ping(bytes.fromhex(cmd.get("hex", "")))
        try:
            await asyncio.wait_for(asyncio.shield(waiter), cmd.get("timeoutMs", 1000) / 1000)
        except asyncio.TimeoutError:
            return {"pong": False}
        return {"pong": True, "ms": round((time.monotonic() - started) * 1000)}

    async def flood(self, cmd):
        chunk = bytes(cmd["bytes"])
        for sent in range(4096):
            try:
                await asyncio.wait_for(self.ws.send(chunk), cmd.get("timeoutMs", 500) / 1000)
            except asyncio.TimeoutError:
                return {"sent": sent, "blocked": True}
        return {"sent": 4096, "blocked": False}

    async def close(self, cmd):
        await self.ws.close(cmd.get("code", 1000), cmd.get("reason", ""))
        return {"closed": close_report(self.ws)}

    async def wait_closed(self, cmd):
        try:
            await asyncio.wait_for(self.ws.wait_closed(), cmd.get("timeoutMs", 5000) / 1000)
        except asyncio.TimeoutError:
            return {"timeout": True}
        return {"closed": close_report(self.ws)}


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    client = Client()
    print(json.dumps({"ready": True, "version": websockets.__version__}), flush=True)
    while line := await reader.readline():
        cmd = json.loads(line)
        try:
            answer = await getattr(client, cmd["op"])(cmd)
        except Exception as error:  # an unexpected failure is an answer too: the test shows it
            answer = {"failed": f"{type(error).__name__}: {error}"}
        print(json.dumps({"id": cmd["id"], **answer}), flush=True)
    if client.ws is not None:
        client.ws.transport.abort()


if __name__ == "__main__":
    asyncio.run(main())
