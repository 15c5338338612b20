"""A WebSocket server on Python's `websockets` (Debian's python3-websockets 10.x) for the interop
tests: an implementation that shares no code with our client or with ws.

Usage: /usr/bin/python3 -I python_server.py [--no-compression]

Listens on 127.0.0.1 and a port the OS picks. Prints one JSON object per line on stdout:
{"event": "listening", "port": N} once it accepts connections, {"event": "closed", ...} with the
close code and reason it received for each connection that ends. Exits when its stdin closes, so
it never outlives the test that started it, however that test ends.

Each connection echoes every text and binary message as it arrived (fragments are reassembled by
websockets, so a fragmented message comes back whole), except these text commands:
  "close CODE REASON"  the server starts the closing handshake with CODE and REASON
  "ping PAYLOAD"       the server pings with PAYLOAD, waits for the pong, then sends "pong PAYLOAD"
"""

import asyncio
import json
import sys
import threading

import websockets


def emit(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)


async def serve_connection(websocket):
    try:
        async for message in websocket:
            if isinstance(message, str) and message.startswith("close "):
                _, code, reason = message.split(" ", 2)
                await websocket.close(int(code), reason)
                return
            if isinstance(message, str) and message.startswith("ping "):
                payload = message[len("ping "):]
                await (await websocket.ping(payload))
                await websocket.send(f"pong {payload}")
            else:
                await websocket.send(message)
    except websockets.ConnectionClosed:
        pass  # a close code other than 1000/1001 ends the iteration with an exception
    finally:
        emit("closed", code=websocket.close_code, reason=websocket.close_reason)


def exit_when_stdin_closes(loop, stop):
    sys.stdin.buffer.read()
    loop.call_soon_threadsafe(stop.set_result, None)


async def main(compression):
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    threading.Thread(target=exit_when_stdin_closes, args=(loop, stop), daemon=True).start()
    # No keep-alive pings of its own: the tests see only the frames they ask for.
    async with websockets.serve(serve_connection, "127.0.0.1", 0, compression=compression, ping_interval=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        emit("listening", port=port, compression=compression, version=websockets.__version__)
        await stop


if __name__ == "__main__":
    asyncio.run(main(None if "--no-compression" in sys.argv[1:] else "deflate"))
