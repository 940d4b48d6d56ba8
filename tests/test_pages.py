"""The show's pages as files: what they say, escaping, and writing only what changed. (What
they do in a browser is tests/test_browser.py.)"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html as lxml_html

from repcast.errors import InputError
from repcast.show.feed import Episode, load_show
from repcast.show.pages import check_free, write_pages

TRICKY = 'Push & pull <script>alert("x")</script> it\'s 💪'
SHOW = {
    "title": TRICKY,
    "description": "Short <b>workouts</b> & more",
    "author": "Jo & Co",
    "owner": {"name": "Jo", "email": "jo@example.com"},
    "base_url": "https://example.com/pod",
}
VTT = """WEBVTT

00:00:00.000 --> 00:00:01.500
Welcome to Push &amp; pull &lt;script>.

00:00:02.000 --> 00:01:03.250
First up: squats. Keep the chest up and
the heels down.
"""
CHAPTERS = {
    "version": "1.2.0",
    "chapters": [
        {"startTime": 0.0, "endTime": 2.0, "title": "Introduction"},
        {"startTime": 2.0, "endTime": 63.25, "title": 'Squats <img src=x onerror="1">'},
    ],
}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Plan</title></svg>\n'


def make_episode(out: Path, n: int, title: str = TRICKY) -> Episode:
    stem = f"episodes/{n:03d}-day"
    (out / "episodes").mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.vtt").write_text(VTT)
    (out / f"{stem}.chapters.json").write_text(json.dumps(CHAPTERS))
    (out / f"{stem}.svg").write_text(SVG)
    return Episode(
        guid=f"g{n}",
        title=title,
        description=f"Day {n} & <i>more</i>",
        number=n,
        season=None,
        pub_date=datetime(2026, 1, n, 6, tzinfo=timezone.utc),
        audio_path=f"{stem}.mp3",
        audio_bytes=2_500_000,
        duration_seconds=63,
        chapters_path=f"{stem}.chapters.json",
        transcript_path=f"{stem}.vtt",
        page_path=f"{stem}.html",
        chart_path=f"{stem}.svg",
    )


def setup(tmp_path: Path, **changes: Any) -> tuple[Path, Any]:
    config = tmp_path / "podcast.yaml"
    config.write_text(yaml.safe_dump({**SHOW, **changes}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "public"
    out.mkdir()
    return out, load_show(config)


def test_pages_say_what_the_show_and_episodes_are(tmp_path: Path) -> None:
    out, show = setup(tmp_path)
    episodes = [make_episode(out, 1), make_episode(out, 2, "Legs")]
    written = write_pages(out, show, episodes)
    assert written == [
        "episodes/001-day.html",
        "episodes/002-day.html",
        "index.html",
        "player.js",
        "style.css",
    ]

    index = lxml_html.fromstring((out / "index.html").read_bytes())
    # User text is text: the only script is ours, and it reads back unchanged.
    assert [s.get("src") for s in index.iter("script")] == ["player.js"]
    assert index.findtext(".//h1") == TRICKY
    assert index.xpath("/html/head/title/text()") == [TRICKY]
    assert index.xpath("//header//p[2]/text()") == ["Short <b>workouts</b> & more"]
    assert index.xpath("//input[@id='feed-url']/@value") == ["https://example.com/pod/feed.xml"]
    assert index.xpath("//a[@type='application/rss+xml']/@href") == ["feed.xml"]
    assert index.xpath("//link[@rel='alternate']/@href") == ["feed.xml"]
    assert index.xpath("//img[@class='cover']/@src") == [show.cover_name]
    # Newest first, each linking its page.
    assert index.xpath("//ol[@class='episodes']//h3/a/text()") == ["Legs", TRICKY]
    assert index.xpath("//ol[@class='episodes']//h3/a/@href") == [
        "episodes/002-day.html",
        "episodes/001-day.html",
    ]

    page = lxml_html.fromstring((out / "episodes/001-day.html").read_bytes())
    assert [s.get("src") for s in page.iter("script")] == ["../player.js"]
    assert page.xpath("//img/@src") == [f"../{show.cover_name}"]  # no <img> from user text
    assert page.findtext(".//h1") == TRICKY
    assert page.xpath("/html/head/title/text()") == [f"{TRICKY} · {TRICKY}"]
    (audio,) = page.iter("audio")
    assert (audio.get("src"), audio.get("preload"), audio.get("controls")) == (
        "001-day.mp3",
        "metadata",
        "",
    )
    (track,) = audio.iter("track")
    assert (track.get("kind"), track.get("src"), track.get("srclang")) == (
        "captions",
        "001-day.vtt",
        "en",
    )
    assert page.xpath("//a[@download]/@href") == ["001-day.mp3"]
    assert "(MP3, 2.5 MB)" in page.text_content()
    chapters = page.xpath("//ol[@class='chapters']//a")
    assert [(a.get("href"), a.get("data-start"), a.text_content()) for a in chapters] == [
        ("001-day.mp3#t=0", "0", "0:00Introduction"),
        ("001-day.mp3#t=2", "2", '0:02Squats <img src=x onerror="1">'),
    ]
    lines = page.xpath("//ol[@class='transcript']/li")
    assert [(li[0].get("data-start"), li[0].get("data-end")) for li in lines] == [
        ("0", "1.5"),
        ("2", "63.25"),
    ]
    assert [li.find("span").text_content() for li in lines] == [
        "Welcome to Push & pull <script>.",
        "First up: squats. Keep the chest up and the heels down.",
    ]
    assert page.xpath("//figure[@class='chart']/svg/title/text()") == ["Plan"]  # inline
    assert "Episode 1 · 2026-01-01 · 1:03" in page.text_content()


COUNTED = [
    ("next-1", "00:00:00.000 --> 00:00:02.000", "First up: lunges."),
    ("countdown-2", "00:00:05.100 --> 00:00:05.500", "three"),
    ("countdown-3", "00:00:06.100 --> 00:00:06.500", "two"),
    ("countdown-4", "00:00:07.100 --> 00:00:07.500", "one"),
    ("rep-5", "00:00:08.400 --> 00:00:08.800", "one"),
    ("rep-6", "00:00:11.400 --> 00:00:11.800", "two"),
    ("halfway-7", "00:00:12.000 --> 00:00:12.900", "Halfway &amp; strong."),
]
COUNTED_VTT = "WEBVTT\nKind: captions\nLanguage: en\n\n" + "".join(
    f"{ident}\n{times}\n<v Coach>{text}\n\n" for ident, times, text in COUNTED
)


def test_a_countdown_and_a_set_of_rep_counts_are_one_line_each(tmp_path: Path) -> None:
    """The transcript on the page reads as words, not a column of numbers: a countdown is
    one line, a set's counts another; every cue keeps its own times for the captions,
    and the voice goes on the list."""
    out, show = setup(tmp_path)
    episode = make_episode(out, 1)
    (out / "episodes/001-day.vtt").write_text(COUNTED_VTT)
    write_pages(out, show, [episode])
    page = lxml_html.fromstring((out / "episodes/001-day.html").read_bytes())
    (listing,) = page.xpath("//ol[@class='transcript']")
    assert listing.get("data-voice") == "Coach"
    lines = listing.xpath("li")
    assert [li.find("span").text_content() for li in lines] == [
        "First up: lunges.",
        "three, two, one",
        "one, two",
        "Halfway & strong.",
    ]
    assert [(li[0].get("data-start"), li[0].get("data-end")) for li in lines] == [
        ("0", "2"),
        ("5.1", "7.5"),
        ("8.4", "11.8"),
        ("12", "12.9"),
    ]
    cues = listing.xpath(".//span[@class='cue']")
    assert [(c.get("data-start"), c.text_content()) for c in cues][1:4] == [
        ("5.1", "three"),
        ("6.1", "two"),
        ("7.1", "one"),
    ]
    assert len(cues) == 7


def test_pages_are_written_only_when_they_change(tmp_path: Path) -> None:
    out, show = setup(tmp_path)
    episodes = [make_episode(out, 1), make_episode(out, 2)]
    written = write_pages(out, show, episodes)

    def mtimes() -> dict[str, int]:
        return {name: (out / name).stat().st_mtime_ns for name in written}

    before = mtimes()
    assert write_pages(out, show, episodes, written) == written
    assert mtimes() == before

    # A new title shows on its own page and the index, nowhere else.
    renamed = [episodes[0], make_episode(out, 2, "Renamed")]
    write_pages(out, show, renamed, written)
    after = mtimes()
    assert {n for n in written if after[n] != before[n]} == {"episodes/002-day.html", "index.html"}

    # A page no longer made is deleted, if this tool made it; other files stay.
    (out / "episodes/notes.html").write_text("mine")
    now = write_pages(out, show, episodes[:1], written)
    assert "episodes/002-day.html" not in now
    assert not (out / "episodes/002-day.html").exists()
    assert (out / "episodes/notes.html").read_text() == "mine"


def test_a_missing_sidecar_leaves_its_part_out(tmp_path: Path) -> None:
    out, show = setup(tmp_path, image="https://cdn.example.com/art.jpg")
    episode = make_episode(out, 1)
    (out / "episodes/001-day.svg").unlink()
    (out / "episodes/001-day.vtt").unlink()
    write_pages(out, show, [episode])
    page = lxml_html.fromstring((out / "episodes/001-day.html").read_bytes())
    assert page.xpath("//figure") == [] and page.xpath("//track") == []
    assert page.xpath("//ol[@class='transcript']") == []
    assert len(page.xpath("//ol[@class='chapters']/li")) == 2
    # A cover kept at a URL is shown from there.
    assert page.xpath("//img/@src") == ["https://cdn.example.com/art.jpg"]


def test_every_episode_plays_from_the_show_page_with_its_own_art(tmp_path: Path) -> None:
    out, show = setup(tmp_path)
    own = make_episode(out, 2, "Legs")
    own = Episode(**{**own.__dict__, "image_path": "episodes/002-day.jpg"})
    write_pages(out, show, [make_episode(out, 1), own])
    index = lxml_html.fromstring((out / "index.html").read_bytes())
    items = index.xpath("//ol[@class='episodes']/li")
    players = [li.xpath(".//audio") for li in items]
    assert [(a.get("src"), a.get("preload"), a.get("controls")) for (a,) in players] == [
        ("episodes/002-day.mp3", "none", ""),
        ("episodes/001-day.mp3", "none", ""),
    ]
    assert [a.get("aria-label") for (a,) in players] == ["Play Legs", f"Play {TRICKY}"]
    assert [li.xpath("img[@class='art']/@src") for li in items] == [["episodes/002-day.jpg"], []]
    # The episode's own page keeps its one player, which the script drives.
    page = lxml_html.fromstring((out / "episodes/002-day.html").read_bytes())
    assert page.xpath("//audio/@id") == ["player"]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ["Abonnieren", "Folgen", "Folge 1", "Kopieren", "Kapitel", "Transkript", "2,5"]),
        ("es-mx", ["Suscribirse", "Episodios", "Episodio 1", "Copiar", "Capítulos", "2,5 MB"]),
        ("en", ["Subscribe", "Episodes", "Episode 1", "Copy", "Chapters", "Transcript", "2.5"]),
    ],
)
def test_the_pages_speak_the_show_language(tmp_path: Path, language: str, words: list[str]) -> None:
    out, show = setup(tmp_path, language=language)
    write_pages(out, show, [make_episode(out, 1)])
    index = lxml_html.fromstring((out / "index.html").read_bytes())
    page = lxml_html.fromstring((out / "episodes/001-day.html").read_bytes())
    text = index.text_content() + page.text_content()
    assert [w for w in words if w not in text] == []
    assert index.get("lang") == page.get("lang") == language
    # The captions are in the coach's language (the routine's), whatever the show's is.
    assert page.xpath("//track/@srclang") == ["en"]
    english = {"Subscribe", "Episodes", "Chapters", "Transcript", "Download the episode"}
    if language != "en":
        assert [w for w in english if w in text] == []
    synthetic = index.xpath("//p[@class='synthetic']/text()")
    assert len(synthetic) == 1 and "RepCast" not in synthetic[0]


def test_no_episodes_yet(tmp_path: Path) -> None:
    out, show = setup(tmp_path)
    write_pages(out, show, [])
    index = lxml_html.fromstring((out / "index.html").read_bytes())
    assert "No episodes yet." in index.text_content()


def test_a_hand_made_page_is_not_overwritten(tmp_path: Path) -> None:
    out, show = setup(tmp_path)
    written = write_pages(out, show, [make_episode(out, 1)])
    check_free(out, written)  # ours, as the state says
    check_free(out, [])  # ours, as the files say (a state file lost)
    (out / "style.css").write_text("body { color: hotpink; }")
    check_free(out, written)  # the state says it is ours: it is made again
    with pytest.raises(InputError) as info:
        check_free(out, [])
    assert str(info.value) == (
        f"{out / 'style.css'}: is not one of RepCast's pages and would be overwritten by the"
        " show's; move it, or choose another --out"
    )
