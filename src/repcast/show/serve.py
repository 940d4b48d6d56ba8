"""A local web server for looking at a batch's output before uploading it.

Python's own ``http.server`` does not answer HTTP Range requests, and a browser cannot seek
an ``<audio>`` served without them: chapter links would start the episode from the top.
Every real web host answers them; this server does too (one range per request, which is
what browsers ask for). It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError

HOST = "127.0.0.1"
TYPES = {
    ".vtt": "text/vtt",
    ".mp3": "audio/mpeg",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".xml": "application/rss+xml",
}


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """http.server's file handler, plus single-range requests (206 Partial Content)."""

    def guess_type(self, path: Any) -> str:
        # Types the pages need that Python's table may lack, whatever the system's is.
        return TYPES.get(Path(path).suffix) or super().guess_type(path)

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        wanted = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", "").strip())
        if not wanted or wanted.groups() == ("", "") or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first, last = wanted.groups()
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:  # "bytes=-N": the last N bytes
            start, end = max(size - int(last), 0), size - 1
        if start > end:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        part = _Part(open(path, "rb"), start, end - start + 1)  # noqa: SIM115 (do_GET closes it)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return part

    def copyfile(self, source: Any, outputfile: Any) -> None:
        # A browser drops a media download once it has what it needs: not an error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().copyfile(source, outputfile)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Part:
    """``count`` bytes of a file from ``start``, read in pieces as they are sent: an
    episode of any length is served without holding it in memory."""

    def __init__(self, file: BinaryIO, start: int, count: int) -> None:
        file.seek(start)
        self.file = file
        self.left = count

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.file.close()


@contextlib.contextmanager
def serving(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve ``folder`` in a background thread while the block runs; yields its URL. Port
    0 takes any free port."""
    handler = functools.partial(RangeHandler, directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise InputError(f"cannot listen on port {port}: {exc.strerror}", field="--port") from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
