"""repcast serve: the preview server answers Range requests, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from repcast.show.serve import serving

from .conftest import repcast_command


def fetch(url: str, wanted: str | None = None) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers={"Range": wanted} if wanted else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
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


def test_only_the_shows_files_are_served(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Not the batch's hidden files, no listings, nothing outside the folder (through a
    link or not), no FIFO (it would hold a thread forever), and odd requests are a plain
    404 or 416."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web")
    public = tmp_path / "public"
    (public / "episodes").mkdir(parents=True)
    (public / "index.html").write_text("<p>show</p>")
    (public / ".repcast-state.json").write_text("{}")
    (public / "episodes" / "a.mp3").write_bytes(b"0123456789")
    (public / "episodes" / "out.mp3").symlink_to(secret)
    (public / "passwd").symlink_to("/etc/passwd")
    (public / "inside.mp3").symlink_to(public / "episodes" / "a.mp3")
    os.mkfifo(public / "stuck.mp3")
    huge = "9" * 4300
    threads = threading.active_count()
    with serving(public) as base:
        assert fetch(base) == (200, b"<p>show</p>", "")
        assert fetch(base + "inside.mp3", "bytes=2-3") == (206, b"23", "bytes 2-3/10")
        refused = [".repcast-state.json", "episodes/", "episodes", "episodes/out.mp3"]
        refused += ["passwd", "stuck.mp3", "%00", "episodes/%00a.mp3", "..%2fsecret.txt"]
        for name in refused:
            for wanted in [None, "bytes=0-3"]:
                assert fetch(base + name, wanted)[0] == 404, (name, wanted)
        a = base + "episodes/a.mp3"
        assert fetch(a, f"bytes={huge}-") == (416, b"", "bytes */10")
        assert fetch(a, f"bytes=2-{huge}") == (206, b"23456789", "bytes 2-9/10")
        assert fetch(a, f"bytes=-{huge}") == (206, b"0123456789", "bytes 0-9/10")
    assert threading.active_count() == threads
    assert capfd.readouterr().err == ""


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
        assert proc.wait(timeout=10) == 130
        assert proc.stderr is not None and proc.stderr.read() == "repcast: interrupted\n"
    finally:
        proc.kill()
