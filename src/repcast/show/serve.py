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
import stat
import threading
import urllib.parse
from collections.abc import Iterator
from http import HTTPStatus
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
    """http.server's file handler, plus single-range requests (206 Partial Content), and
    serving only what a web host would: regular files inside the folder, no hidden ones
    (the batch's state and lock), no directory listings, nothing a link leads to outside."""

    def guess_type(self, path: Any) -> str:
        # Types the pages need that Python's table may lack, whatever the system's is.
        return TYPES.get(Path(path).suffix) or super().guess_type(path)

    def send_head(self) -> Any:
        url = urllib.parse.urlsplit(self.path).path
        path = self.translate_path(self.path)
        hidden = any(w.startswith(".") for w in urllib.parse.unquote(url).split("/"))
        if hidden or "\0" in path:
            return self._not_found()
        if os.path.isdir(path):
            if not url.endswith("/"):  # relative links in its index need the slash
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = os.path.join(path, "index.html")
        root = os.path.realpath(self.directory)
        if os.path.commonpath([root, os.path.realpath(path)]) != root:
            return self._not_found()
        try:
            # Not blocking: a FIFO would hold the request's thread until a writer came.
            file = open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb")  # noqa: SIM115 (do_GET closes it)
        except OSError:
            return self._not_found()
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            file.close()
            return self._not_found()
        size = info.st_size
        wanted = re.fullmatch(r"bytes=([0-9]*)-([0-9]*)", self.headers.get("Range", "").strip())
        start, end = 0, size - 1
        if wanted and wanted.groups() != ("", ""):
            first, last = wanted.groups()
            if first:
                start, end = _number(first), min(_number(last) if last else end, end)
            else:  # "bytes=-N": the last N bytes
                start = max(size - _number(last), 0)
            if start > end:
                file.close()
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.end_headers()
                return None
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        else:
            self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Last-Modified", self.date_time_string(int(info.st_mtime)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return _Part(file, start, end - start + 1)

    def _not_found(self) -> None:
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")

    def copyfile(self, source: Any, outputfile: Any) -> None:
        # A browser drops a media download once it has what it needs: not an error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().copyfile(source, outputfile)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _number(digits: str) -> int:
    """A byte position from a Range header; one of more digits than any file has bytes is
    taken as past the end, not converted (Python refuses past 4300 digits)."""
    return int(digits) if len(digits) <= 18 else 10**18


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
