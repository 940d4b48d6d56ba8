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
import itertools
import json
import os
import re
import subprocess
import sys
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
        if len(lines) > 2 and "-->" in lines[1]:  # an identifier, the times, the text
            start, end = (_stamp(t) for t in lines[1].split(" --> "))
            out.append((start, end, html.unescape(" ".join(lines[2:]))))
    return out


def _stamp(text: str) -> float:
    hours, minutes, seconds = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def decoded_seconds(path: Path) -> float:
    return len(decode(path)) // 2 / SAMPLE_RATE


# Waits (up to 30 s) for a captions track with cues; what the page's player has then.
CAPTIONS = """async (audio) => {
  const deadline = Date.now() + 30000;
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
# Where a seek was asked to go (read as it starts) and where the player was when it ended.
# The player is paused as the seek starts, so it cannot move on before the seek ends,
# however loaded the machine: a playing player would, by as much as the machine is slow.
ON_SEEKED = """(a) => {
  window.seekedAt = null;
  a.addEventListener("seeking", () => {
    window.seekTarget = a.currentTime; a.pause();
  }, { once: true });
  a.addEventListener("seeked", () => { window.seekedAt = a.currentTime; }, { once: true });
}"""
VOICE = re.compile(r"^<v [^>]*>")


# The plan chart as drawn: its smallest label as rendered (font size times the drawing's
# scale), the visible tick labels' extents, where the workout ends and the chart's colours.
CHART = """() => {
  const svg = document.querySelector(".chart svg");
  const shown = [...svg.querySelectorAll("text")].filter(
    (t) => getComputedStyle(t).display !== "none");
  const sizes = shown.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  const ticks = shown.filter((t) => t.classList.contains("tick-label")).map((t) => {
    const r = t.getBoundingClientRect();
    return [r.left, r.right];
  });
  const figure = svg.parentElement;
  return {
    smallest: Math.min(...sizes),
    ticks: ticks,
    end: [...svg.querySelectorAll("rect.iv")].pop().getBoundingClientRect().right,
    right: svg.getBoundingClientRect().right,
    scroll: figure.scrollWidth - figure.clientWidth,
    background: getComputedStyle(svg.querySelector(".background")).fill,
    text: getComputedStyle(svg.querySelector("text.block")).fill,
  };
}"""


def check_chart(page: Any, scheme: str, width: int) -> None:
    """The chart is legible at this width: no label under 11 px as rendered, tick labels
    apart, the whole workout in view without scrolling, in the page's colour scheme."""
    chart = page.evaluate(CHART)
    assert chart["smallest"] >= 11, chart
    ticks = sorted(chart["ticks"])
    assert len(ticks) >= 4 and all(a[1] <= b[0] for a, b in itertools.pairwise(ticks)), ticks
    assert chart["end"] <= chart["right"] <= width and chart["scroll"] == 0, chart
    background = {"light": "rgb(255, 255, 255)", "dark": "rgb(15, 22, 32)"}[scheme]
    assert chart["background"] == background, chart
    text = [int(v) for v in re.findall(r"\d+", chart["text"])]
    assert (sum(text) > 600) == (scheme == "dark"), chart  # light text on dark, and back


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
        target, at = page.evaluate("[window.seekTarget, window.seekedAt]")
        start = chapters[i]["startTime"]
        assert abs(target - start) <= TOLERANCE, (mp3.name, chapters[i], target)
        assert abs(at - start) <= TOLERANCE, (mp3.name, chapters[i], at)
    links.nth(0).click()  # left alone, a chapter link plays
    page.wait_for_function("() => !document.querySelector('audio').paused")
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
    assert all(VOICE.match(text) for _, _, text in expected)  # the coach speaks

    # The transcript on the page: every cue, but a countdown (or a set's rep counts) is
    # one line, so the page reads as words rather than a column of numbers.
    cues = page.locator(".transcript .cue")
    assert cues.all_inner_texts() == [VOICE.sub("", text) for _, _, text in expected]
    lines = page.locator(".transcript li")
    words = [t.split(None, 1)[1] for t in lines.all_inner_texts()]
    assert "three, two, one" in words
    assert not {"three", "two", "one"} & set(words)
    assert len(words) < 0.8 * len(expected)

    # The transcript follows the audio: the line being spoken is marked.
    start, end, _ = expected[6]
    audio.evaluate(f"a => {{ a.currentTime = {(start + end) / 2}; }}")
    page.wait_for_function("() => document.querySelector('.transcript li[aria-current]')")
    spoken = cues.nth(6).locator("xpath=ancestor::li").inner_text()
    assert page.locator(".transcript li[aria-current]").inner_text() == spoken


def play_from_the_show_page(page: Any) -> None:
    """An episode plays from the show's page, by its own player's play button; starting
    another pauses it."""
    players = page.locator(".episodes audio")
    assert players.count() == 3
    box = players.first.bounding_box()
    players.first.click(position={"x": 20, "y": box["height"] / 2})  # the play button
    page.wait_for_function(
        "() => { const a = document.querySelector('.episodes audio');"
        " return !a.paused && a.currentTime > 0; }"
    )
    players.nth(1).evaluate("a => a.play()")
    page.wait_for_function("() => document.querySelector('.episodes audio').paused")
    players.nth(1).evaluate("a => a.pause()")


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
        play_from_the_show_page(page)
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


def cpu_seconds(pid: int) -> float:
    """The CPU time a process has used so far (user and system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(
    not os.environ.get("REPCAST_UNDER_LOAD"),
    reason="slow: REPCAST_UNDER_LOAD=N runs the browser checks N times with every core busy"
    " (scripts/fuzz does)",
)
def test_the_example_show_under_load(browser: Any, example_show: tuple[Path, str]) -> None:
    """The browser checks pass with every core kept busy by a loop of our own: nothing in
    them depends on how fast the machine is."""
    rounds = int(os.environ["REPCAST_UNDER_LOAD"])
    spinners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 1)
    ]
    try:
        for _ in range(rounds):
            for over_http in (True, False):
                test_the_example_show_in_a_browser(browser, example_show, over_http)
        busy = [cpu_seconds(p.pid) for p in spinners]
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    assert min(busy) > 1.0, busy  # the cores really were busy meanwhile


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
        "episode-page-phone.png": ("episodes/002-tempo-strength.html", "light", 390),
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
            if page_name.startswith("episodes/"):
                check_chart(page, scheme, width)
            page.keyboard.press("Tab")  # the first link, focused from the keyboard
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline == "solid"
            page.evaluate("() => document.activeElement.blur()")
            page.screenshot(path=artefacts / name)
            SCREENSHOTS.append(artefacts / name)
            context.close()
    assert colours["light"] != colours["dark"]
    assert colours["light"][0] == "rgb(255, 255, 255)"


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The short test program published as a season, once: its output folder."""
    from click.testing import CliRunner

    from repcast.cli import cli

    from .test_program_batch import SHORT, SHOW

    folder = tmp_path_factory.mktemp("season")
    (folder / "show.yaml").write_text(SHOW)
    out = folder / "public"
    args = ["batch", str(SHORT), "--feed", str(folder / "show.yaml"), "--out", str(out)]
    res = CliRunner().invoke(cli, [*args, "--cache-dir", str(cache_dir)])
    assert res.exit_code == 0, res.output
    return out


# Each week's heading, and the titles of the episodes listed under it, as shown.
WEEKS = """() => [...document.querySelectorAll("section.week")].map((s) => [
  s.querySelector("h3").textContent.trim(),
  [...s.querySelectorAll(".episodes > li h4")].map((h) => h.textContent.trim()),
])"""


def test_a_program_season_in_a_browser(browser: Any, season: Path) -> None:
    """A season's page as a listener sees it on a phone: a heading per week in order, each
    week's sessions under it in program order, every player as long as its MP3, one
    playing at a time, nothing wider than the screen."""
    import feedparser

    feed = feedparser.parse(str(season / "feed.xml"))
    in_order = sorted(feed.entries, key=lambda e: int(e.itunes_episode))
    with serving(season) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.set_default_timeout(20_000)
        watched = Watched(context)
        page = watched.page
        page.goto(base + "index.html")
        weeks = page.evaluate(WEEKS)
        assert [w for w, _ in weeks] == ["Week 1", "Week 2", "Week 3"]
        assert [len(titles) for _, titles in weeks] == [2, 2, 2]
        assert [t for _, titles in weeks for t in titles] == [e.title for e in in_order]
        resolve_all(page)
        players = page.locator(".episodes audio")
        assert players.count() == 6
        for i, entry in enumerate(in_order):
            player = players.nth(i)
            player.evaluate("a => { a.preload = 'metadata'; a.load(); }")  # preload is none
            mp3 = season / unquote(urlsplit(entry.enclosures[0].href).path).split("/steps/", 1)[1]
            assert abs(player.evaluate(DURATION) - decoded_seconds(mp3)) <= TOLERANCE
        third = players.nth(2)  # week 2's first session
        box = third.bounding_box()
        third.click(position={"x": 20, "y": box["height"] / 2})  # its play button
        page.wait_for_function(
            "() => { const a = document.querySelectorAll('.episodes audio')[2];"
            " return !a.paused && a.currentTime > 0; }"
        )
        playing = page.evaluate(
            "() => [...document.querySelectorAll('.episodes audio')].map((a) => !a.paused)"
        )
        assert playing == [False, False, True, False, False, False]
        third.evaluate("a => a.pause()")
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
        context.close()
        assert watched.problems == []
