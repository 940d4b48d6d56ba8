"""The example show's pages in a real browser: Debian's Chromium, driven by Playwright.

The pages are loaded twice: from ``repcast serve`` on 127.0.0.1, which answers HTTP Range
requests as every real host does (Chromium cannot seek an <audio> without them, and
Python's http.server does not answer them), and straight from the disk (file://).

Without /usr/bin/chromium these tests skip, unless REPCAST_REQUIRE_BROWSER is set (CI
sets it), when they fail. Screenshots go to REPCAST_ARTEFACTS (default:
test-artefacts/ in the checkout), listed at the end of the run.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from repcast.show.serve import serving
from repcast.sound.encode import decode
from repcast.timing import SAMPLE_RATE

from .conftest import ROOT, SCREENSHOTS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOLERANCE = 0.1  # seconds


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        why = f"no {CHROMIUM}: install Debian's chromium (scripts/test does, as root)"
        if os.environ.get("REPCAST_REQUIRE_BROWSER"):
            pytest.fail(why)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def artefacts() -> Path:
    folder = Path(os.environ.get("REPCAST_ARTEFACTS", ROOT / "test-artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watched:
    """A page with everything that went wrong on it collected: console errors, script
    errors, failed requests and error responses."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"script: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on(
            "response",
            lambda r: self.problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None,
        )

    def _failed(self, request: Any) -> None:
        # Chromium itself drops the rest of a media download once it has the metadata.
        if request.resource_type == "media" and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"failed: {request.url} ({request.failure})")


def vtt_cues(path: Path) -> list[tuple[float, float, str]]:
    """The cues of a WebVTT file, read here independently of the pages' own reader."""
    out = []
    for block in path.read_text("utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        if lines and "-->" in lines[0]:
            start, end = (_stamp(t) for t in lines[0].split(" --> "))
            out.append((start, end, html.unescape(" ".join(lines[1:]))))
    return out


def _stamp(text: str) -> float:
    hours, minutes, seconds = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def decoded_seconds(path: Path) -> float:
    return len(decode(path)) // 2 / SAMPLE_RATE


# Waits (up to 10 s) for a captions track with cues; what the page's player has then.
CAPTIONS = """async (audio) => {
  const deadline = Date.now() + 10000;
  for (;;) {
    const tracks = [...audio.textTracks].filter((t) => t.kind === "captions");
    const track = tracks.find((t) => t.cues && t.cues.length);
    if (track || Date.now() > deadline) {
      const element = audio.querySelector("track");
      return {
        count: tracks.length,
        element: element ? element.readyState : null,
        cues: track ? [...track.cues].map((c) => [c.startTime, c.endTime, c.text]) : [],
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}"""
DURATION = """(a) => a.readyState >= 1 ? a.duration :
  new Promise((r) => a.addEventListener("loadedmetadata", () => r(a.duration)))"""
# Where the seek went (read as it starts), where the player was when it ended, and how
# long that took: a playing player moves on meanwhile, by more on a loaded machine.
ON_SEEKED = """(a) => {
  window.seekedAt = null;
  a.addEventListener("seeking", () => {
    window.seekTarget = a.currentTime; window.seekStart = performance.now();
  }, { once: true });
  a.addEventListener("seeked", () => {
    window.seekedAt = a.currentTime;
    window.seekLag = (performance.now() - window.seekStart) / 1000;
  }, { once: true });
}"""


def check_episode_page(page: Any, page_file: Path, over_http: bool) -> None:
    """The player's length, every chapter link, the captions and the transcript."""
    audio = page.locator("audio")
    mp3 = page_file.with_suffix(".mp3")
    assert unquote(urlsplit(audio.evaluate("a => a.currentSrc")).path).endswith(mp3.name)
    duration = audio.evaluate(DURATION)
    assert abs(duration - decoded_seconds(mp3)) <= TOLERANCE, (mp3.name, duration)

    chapters = json.loads(page_file.with_suffix(".chapters.json").read_text())["chapters"]
    links = page.locator(".chapters a")
    assert links.count() == len(chapters) > 2
    # Each click is a real seek: the last chapter first, then all in order. (A fresh
    # player's first play starts before its seek completes, whatever the target.)
    for i in [len(chapters) - 1, *range(len(chapters))]:
        audio.evaluate(ON_SEEKED)
        if i == 1:  # one by keyboard: focus the link and press Enter
            links.nth(i).focus()
            page.keyboard.press("Enter")
        else:
            links.nth(i).click()
        page.wait_for_function("() => window.seekedAt !== null")
        target, at, lag = page.evaluate("[window.seekTarget, window.seekedAt, window.seekLag]")
        start = chapters[i]["startTime"]
        assert abs(target - start) <= TOLERANCE, (mp3.name, chapters[i], target)
        assert start - TOLERANCE <= at <= start + TOLERANCE + lag, (mp3.name, chapters[i], at)
    page.wait_for_function("() => !document.querySelector('audio').paused")  # and it plays
    audio.evaluate("a => a.pause()")

    captions = audio.evaluate(CAPTIONS)
    expected = vtt_cues(page_file.with_suffix(".vtt"))
    assert captions["count"] == 1
    # Served, the <track> loads the .vtt itself (readyState 2); from the disk it cannot,
    # and the captions come from the transcript on the page instead.
    assert captions["element"] == (2 if over_http else None)
    got = [(a, b, " ".join(html.unescape(t).split())) for a, b, t in captions["cues"]]
    assert len(got) == len(expected) > 10
    for (a, b, text), (ea, eb, etext) in zip(got, expected, strict=True):
        assert abs(a - ea) < 0.001 and abs(b - eb) < 0.001 and text == etext
    lines = page.locator(".transcript li")
    assert lines.count() == len(expected)
    assert lines.nth(6).inner_text().endswith(expected[6][2])

    # The transcript follows the audio: the line being spoken is marked.
    start, end, _ = expected[6]
    audio.evaluate(f"a => {{ a.currentTime = {(start + end) / 2}; }}")
    page.wait_for_function("() => document.querySelector('.transcript li[aria-current]')")
    assert page.locator(".transcript li[aria-current]").inner_text() == lines.nth(6).inner_text()


def resolve_all(page: Any) -> list[str]:
    """Every link, image, style sheet, script and media source on the page is on the
    page's own site and resolves. Returns the pages it links to."""
    urls = page.evaluate(
        """() => [...document.querySelectorAll(
              "a[href], link[href], img[src], script[src], audio[src], track[src]"
           )].map((e) => e.href || e.src)"""
    )
    assert page.evaluate("() => [...document.images].every((i) => i.complete && i.naturalWidth)")
    here = urlsplit(page.url)
    pages = []
    for url in {urldefrag(u).url for u in urls}:
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == (here.scheme, here.netloc), url
        if parts.scheme == "file":
            assert Path(unquote(parts.path)).is_file(), url
        else:
            with urllib.request.urlopen(url) as response:
                assert response.status == 200, url
        if url.endswith(".html"):
            pages.append(url)
    return sorted(pages)


@pytest.mark.parametrize("over_http", [True, False], ids=["http", "file"])
def test_the_example_show_in_a_browser(
    browser: Any, example_show: tuple[Path, str], over_http: bool
) -> None:
    """Served and opened as files: no console error or failed request; every link and
    image resolves; every player is as long as its MP3, every chapter link seeks it, and
    its captions are the transcript's cues."""
    out, _ = example_show
    with serving(out) if over_http else contextlib.nullcontext(out.as_uri() + "/") as base:
        context = browser.new_context()
        context.set_default_timeout(20_000)
        watched = Watched(context)
        page = watched.page
        page.goto(base + "index.html")
        assert page.locator(".episodes h3").all_inner_texts() == [
            "Tabata jump squats",
            "Tempo strength",
            "Morning mobility",
        ]
        episodes = [u for u in resolve_all(page) if u != base + "index.html"]
        assert len(episodes) == 3
        if over_http:  # the clipboard is offered to http://127.0.0.1, not to file://
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            page.get_by_role("button", name="Copy").click()
            page.get_by_role("button", name="Copied").wait_for()
            copied = page.evaluate("() => navigator.clipboard.readText()")
            assert copied == "https://example.org/repcast/feed.xml"
        for url in episodes:
            page.goto(url)
            resolve_all(page)
            check_episode_page(page, out / unquote(url.removeprefix(base)), over_http)
        context.close()
        assert watched.problems == []


def test_light_dark_phone_and_screenshots(
    browser: Any, example_show: tuple[Path, str], artefacts: Path
) -> None:
    """Both colour schemes are readable, a phone needs no sideways scrolling, the keyboard
    focus shows; the screenshots are kept for a person to look at."""
    out, _ = example_show
    shots = {
        "show-page.png": ("index.html", "light", 960),
        "episode-page.png": ("episodes/002-tempo-strength.html", "light", 960),
        "show-page-dark.png": ("index.html", "dark", 960),
        "episode-page-phone-dark.png": ("episodes/002-tempo-strength.html", "dark", 390),
    }
    colours = {}
    with serving(out) as base:
        for name, (page_name, scheme, width) in shots.items():
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            page.goto(base + page_name)
            colours[scheme] = page.evaluate(
                "() => [getComputedStyle(document.body).backgroundColor,"
                " getComputedStyle(document.body).color]"
            )
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            page.keyboard.press("Tab")  # the first link, focused from the keyboard
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline == "solid"
            page.evaluate("() => document.activeElement.blur()")
            page.screenshot(path=artefacts / name)
            SCREENSHOTS.append(artefacts / name)
            context.close()
    assert colours["light"] != colours["dark"]
    assert colours["light"][0] == "rgb(255, 255, 255)"
