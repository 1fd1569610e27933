"""Holds many Server-Sent Events streams open on one gateway and notes when each event arrives: the stream
scenario's client (bench/lib/stream.py starts it).

    python3 bench/lib/sse_streams.py <host> <port> <streams> <users> <receipts file>   (the bearer token on stdin)

Stream k opens GET /secured/events?user=bench-user-<k % users> with the token (a service acting for that user)
and records the position of every event it receives with the wall-clock time its last byte was read. One
process, one thread, asyncio protocols (no coroutine, no thread per connection), standard library only: on a
2-core machine the client takes as little CPU as possible from the gateway it measures, and its own CPU is counted
apart. Prints "open <n> failed <m> [<first failure>]" once every stream has been tried, then "received <n> ended
<m>" every half second; on SIGTERM it closes every stream and writes the receipts file:

    S <k> <user> <position it opened after> <1 if the gateway ended it before SIGTERM, else 0>
    R <k> <position> <receipt time, seconds since the epoch>
"""
import asyncio
import resource
import signal
import sys
import time

OPENING_AT_ONCE = 32


class Stream(asyncio.Protocol):
    """One HTTP/1.1 connection: the response head, chunked transfer decoding, then SSE frames."""

    def __init__(self, index, user, request, opened):
        self.index = index
        self.user = user
        self.request = request
        self.opened = opened
        self.transport = None
        self.raw = bytearray()
        self.body = bytearray()
        self.head_done = False
        self.chunked = False
        self.chunk_left = 0
        self.crlf_left = 0
        self.start = None
        self.receipts = []
        self.ended = False
        self.closing = False

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data):
        now = time.time()
        self.raw += data
        if not self.head_done and not self.read_head():
            return
        self.decode()
        self.frames(now)

    def read_head(self):
        end = self.raw.find(b"\r\n\r\n")
        if end < 0:
            return False
        head = bytes(self.raw[:end]).decode("latin-1").split("\r\n")
        del self.raw[:end + 4]
        status = head[0].split(" ", 2)
        if len(status) < 2 or status[1] != "200":
            self.fail(f"answered {head[0]}")
            return False
        self.chunked = any(line.lower().replace(" ", "") == "transfer-encoding:chunked" for line in head[1:])
        self.head_done = True
        return True

    def decode(self):
        if not self.chunked:
            self.body += self.raw
            self.raw.clear()
            return
        while self.raw:
            if self.crlf_left:
                skipped = min(self.crlf_left, len(self.raw))
                del self.raw[:skipped]
                self.crlf_left -= skipped
                continue
            if self.chunk_left == 0:
                line_end = self.raw.find(b"\r\n")
                if line_end < 0:
                    return
                size = int(bytes(self.raw[:line_end]).split(b";")[0] or b"0", 16)
                del self.raw[:line_end + 2]
                if size == 0:
                    self.raw.clear()
                    return
                self.chunk_left = size
            take = min(self.chunk_left, len(self.raw))
            self.body += self.raw[:take]
            del self.raw[:take]
            self.chunk_left -= take
            if self.chunk_left == 0:
                self.crlf_left = 2  # the CRLF that ends every chunk

    def frames(self, now):
        while True:
            end = self.body.find(b"\n\n")
            if end < 0:
                return
            frame = bytes(self.body[:end])
            del self.body[:end + 2]
            for line in frame.split(b"\n"):
                line = line.rstrip(b"\r")
                if line.startswith(b"id: "):
                    self.receipts.append((int(line[4:]), now))
                    break
                if line.startswith(b": open after ") and self.start is None:
                    self.start = int(line[13:])
                    if not self.opened.done():
                        self.opened.set_result(None)

    def fail(self, reason):
        if not self.opened.done():
            self.opened.set_exception(RuntimeError(reason))
        self.transport.close()

    def connection_lost(self, exc):
        if not self.closing:
            self.ended = True
        if not self.opened.done():
            self.opened.set_exception(RuntimeError(f"closed before the stream opened ({exc})"))


async def run(host, port, count, users, receipts_file, token):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    gate = asyncio.Semaphore(OPENING_AT_ONCE)
    streams, failures = [], []

    async def open_one(index):
        user = f"bench-user-{index % users}"
        request = (f"GET /secured/events?user={user} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                   f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n").encode("ascii")
        async with gate:
            opened = loop.create_future()
            try:
                _, stream = await loop.create_connection(lambda: Stream(index, user, request, opened), host, port)
                await asyncio.wait_for(opened, 60)
                streams.append(stream)
            except (OSError, RuntimeError, asyncio.TimeoutError) as failure:
                failures.append(f"stream {index}: {failure}")

    await asyncio.gather(*(open_one(index) for index in range(count)))
    print(f"open {len(streams)} failed {len(failures)} {failures[0] if failures else ''}".rstrip(), flush=True)
    while not stop.is_set():
        print(f"received {sum(len(s.receipts) for s in streams)} ended {sum(s.ended for s in streams)}", flush=True)
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except asyncio.TimeoutError:
            pass
    for stream in streams:
        stream.closing = True
        stream.transport.close()
    with open(receipts_file, "w") as out:
        for stream in sorted(streams, key=lambda s: s.index):
            out.write(f"S {stream.index} {stream.user} {stream.start} {int(stream.ended)}\n")
            out.writelines(f"R {stream.index} {position} {at:.6f}\n" for position, at in stream.receipts)
    print("closed", flush=True)


def main():
    host, port, count, users, receipts_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    token = sys.stdin.readline().strip()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < count + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1024), hard))
    asyncio.run(run(host, port, count, users, receipts_file, token))


if __name__ == "__main__":
    main()
