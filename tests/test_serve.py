"""repcast serve: the preview server answers Range requests, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from repcast.show.serve import serving

from .conftest import repcast_command


def fetch(url: str, wanted: str | None = None) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers={"Range": wanted} if wanted else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read(), response.headers.get("Content-Range", "")
    except urllib.error.HTTPError as exc:
        return exc.code, b"", exc.headers.get("Content-Range", "")


def test_range_requests(tmp_path: Path) -> None:
    data = bytes(range(256)) * 4
    (tmp_path / "a.mp3").write_bytes(data)
    with serving(tmp_path) as base:
        assert fetch(base + "a.mp3") == (200, data, "")
        assert fetch(base + "a.mp3", "bytes=100-199") == (206, data[100:200], "bytes 100-199/1024")
        assert fetch(base + "a.mp3", "bytes=1000-") == (206, data[1000:], "bytes 1000-1023/1024")
        end = (206, data[1000:], "bytes 1000-1023/1024")
        assert fetch(base + "a.mp3", "bytes=1000-5000") == end
        assert fetch(base + "a.mp3", "bytes=-6") == (206, data[-6:], "bytes 1018-1023/1024")
        assert fetch(base + "a.mp3", "bytes=2000-") == (416, b"", "bytes */1024")
        assert fetch(base + "missing.mp3", "bytes=0-")[0] == 404
    (tmp_path / "a.vtt").write_text("WEBVTT\n")
    with serving(tmp_path) as base:
        for name, kind in [("a.mp3", "audio/mpeg"), ("a.vtt", "text/vtt")]:
            with urllib.request.urlopen(base + name) as response:
                assert response.headers["Content-Type"] == kind


def test_serve_command(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hello</p>")
    proc = subprocess.Popen(
        repcast_command("serve", str(tmp_path), "--port", "0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith(f"serving {tmp_path} at http://127.0.0.1:")
        url = line.split(" at ")[1].split()[0]
        assert fetch(url + "index.html") == (200, b"<p>hello</p>", "")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert proc.stderr is not None and proc.stderr.read() == ""
    finally:
        proc.kill()
