"""The show's web pages: ``index.html`` and one page per episode, static files beside the
feed, readable from a web server or straight from the disk.

Plain HTML with one shared style sheet and one small script (``player.js``), kept as files
of their own so every page shares one cached copy and the pages carry no inline code.
The script makes chapter and transcript links seek the player and play, lets the
transcript follow the audio, and gives the player its captions: from the episode's
``.vtt`` when served, and from the transcript on the page when opened as a file (Chromium
will not load a ``<track>`` from a ``file://`` page). Without the script the links still
open the MP3 at their time.

Every page is rendered on every batch from the episodes' own files and written only when
its bytes change, so an unchanged show leaves the pages as they were.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Collection, Sequence
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..errors import InputError
from ..files import atomic_write
from ..timing import whole_clock
from .feed import FEED_NAME, Episode, Show, newest_first, serial

INDEX = "index.html"
STYLE = "style.css"
SCRIPT = "player.js"
ASSETS = (STYLE, SCRIPT)  # package data files, copied as they are
GENERATOR = '<meta name="generator" content="RepCast">'
# How each top-level file says RepCast made it, near its start.
MARKS = {INDEX: GENERATOR.encode(), STYLE: b"/* RepCast:", SCRIPT: b"// RepCast:"}


def page_path(audio_path: str) -> str:
    """Where an episode's page goes: beside its audio, with the same name."""
    return str(PurePosixPath(audio_path).with_suffix(".html"))


def check_free(out: Path, written_before: Collection[str]) -> None:
    """Refuse, before any work, to overwrite an index.html, style.css or player.js in
    ``out`` that RepCast did not make (a hand-made page, say)."""
    for name, mark in MARKS.items():
        target = out / name
        if name in written_before or not target.is_file():
            continue
        with target.open("rb") as fh:
            if mark not in fh.read(1024):
                raise InputError(
                    "is not one of RepCast's pages and would be overwritten by the show's;"
                    " move it, or choose another --out",
                    file=str(target),
                )


def write_pages(
    out: Path, show: Show, episodes: Sequence[Episode], written_before: Collection[str] = ()
) -> list[str]:
    """Write the pages (and their style sheet and script) into ``out``; delete the pages of
    ``written_before`` that are no longer made. Returns what it made, for the next run."""
    data = resources.files("repcast") / "data"
    files = {name: (data / name).read_bytes() for name in ASSETS}
    files[INDEX] = show_page(show, episodes).encode("utf-8")
    for ep in episodes:
        assert ep.page_path is not None
        files[ep.page_path] = episode_page(show, ep, out).encode("utf-8")
    for name, content in files.items():
        target = out / name
        if not (target.is_file() and target.read_bytes() == content):
            atomic_write(target, content)
    for stale in set(written_before) - set(files):
        (out / stale).unlink(missing_ok=True)
    return sorted(files)


def show_page(show: Show, episodes: Sequence[Episode]) -> str:
    if serial(episodes):
        listing = _by_week(episodes)
    elif episodes:
        items = "".join(_item(ep, "h3") for ep in newest_first(episodes))
        listing = f'<ol class="episodes" reversed>\n{items}\n</ol>'
    else:
        listing = "<p>No episodes yet.</p>"
    body = f"""<header class="show">
{_cover(show, None, INDEX, 240)}
<div>
<h1>{_e(show.title)}</h1>
<p class="meta">{_e(show.author)}</p>
<p>{_e(show.description)}</p>
</div>
</header>
<main>
<section class="subscribe" aria-labelledby="subscribe">
<h2 id="subscribe">Subscribe</h2>
<p>Add this <a href="{FEED_NAME}" type="application/rss+xml">podcast feed</a> to your podcast
app; most apps take its address under "Follow a show by URL" or "Add by RSS".</p>
<p class="copy"><label for="feed-url">Feed address</label>
<input id="feed-url" type="url" readonly value="{_e(show.feed_url)}">
<button type="button" data-copy="feed-url" hidden>Copy</button></p>
</section>
<section aria-labelledby="episodes">
<h2 id="episodes">Episodes</h2>
{listing}
</section>
</main>"""
    return _document(show, show.title, INDEX, body)


def _item(ep: Episode, heading: str) -> str:
    assert ep.page_path is not None
    return f"""<li>
<{heading}><a href="{_href(ep.page_path, INDEX)}">{_e(ep.title)}</a></{heading}>
<p class="meta">{_meta(ep)}</p>
<p>{_e(ep.description)}</p>
</li>"""


def _by_week(episodes: Sequence[Episode]) -> str:
    """A program's season, oldest first, under a heading for each week."""
    ordered = sorted(episodes, key=lambda e: (e.season or 0, e.number))
    groups: dict[tuple[int, int], list[Episode]] = {}
    for ep in ordered:
        groups.setdefault((ep.season or 0, ep.week or 0), []).append(ep)
    seasons = {season for season, _ in groups}
    out = []
    for (season, week), eps in groups.items():
        where = f"season-{season}-week-{week}" if len(seasons) > 1 else f"week-{week}"
        label = f"Season {season}, week {week}" if len(seasons) > 1 else f"Week {week}"
        items = "".join(_item(ep, "h4") for ep in eps)
        out.append(
            f'<section class="week" aria-labelledby="{where}">\n<h3 id="{where}">{label}</h3>\n'
            f'<ol class="episodes" start="{eps[0].number}">\n{items}\n</ol>\n</section>'
        )
    return "\n".join(out)


def episode_page(show: Show, ep: Episode, out: Path) -> str:
    """One episode's page; its chapters, transcript and chart come from its files in
    ``out`` (a part whose file is missing is left out)."""
    assert ep.page_path is not None
    page = ep.page_path
    audio = _href(ep.audio_path, page)
    parts = []
    chapters = _read(out, ep.chapters_path)
    if chapters is not None:
        links = "\n".join(
            "<li>"
            + _seek(
                audio,
                c["startTime"],
                None,
                _span("at", whole_clock(c["startTime"])) + _span("title", c["title"]),
            )
            + "</li>"
            for c in json.loads(chapters)["chapters"]
        )
        parts.append(_section("chapters", "Chapters", f'<ol class="chapters">\n{links}\n</ol>'))
    chart = _read(out, ep.chart_path)
    if chart is not None:
        parts.append(_section("plan", "Plan", f'<figure class="chart">\n{chart}</figure>'))
    transcript = _read(out, ep.transcript_path)
    if transcript is not None:
        lines = "\n".join(
            f"<li>{_seek(audio, start, end, whole_clock(start))} {_span('text', text)}</li>"
            for start, end, text in _cues(transcript)
        )
        parts.append(
            _section("transcript", "Transcript", f'<ol class="transcript">\n{lines}\n</ol>')
        )
    track = (
        f'\n<track kind="captions" src="{_href(ep.transcript_path, page)}" '
        f'srclang="{_e(show.language)}" label="Transcript">'
        if transcript is not None
        else ""
    )
    megabytes = ep.audio_bytes / 1_000_000
    body = f"""<nav><a href="{_href(INDEX, page)}">{_e(show.title)}</a></nav>
<main>
<header class="show">
{_cover(show, ep, page, 160)}
<div>
<h1>{_e(ep.title)}</h1>
<p class="meta">{_meta(ep)}</p>
<p>{_e(ep.description)}</p>
</div>
</header>
<audio controls preload="metadata" src="{audio}">{track}
</audio>
<p><a href="{audio}" download>Download the episode</a> (MP3, {megabytes:.1f} MB)</p>
{"".join(parts)}
</main>"""
    return _document(show, f"{ep.title} · {show.title}", page, body)


def _document(show: Show, title: str, page: str, body: str) -> str:
    icon = _image_href(show, None, page)
    return f"""<!doctype html>
<html lang="{_e(show.language)}">
<head>
<meta charset="utf-8">
{GENERATOR}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{_e(title)}</title>
<link rel="icon" href="{icon}">
<link rel="alternate" type="application/rss+xml" title="{_e(show.title)}" \
href="{_href(FEED_NAME, page)}">
<link rel="stylesheet" href="{_href(STYLE, page)}">
</head>
<body>
{body}
<footer><p>Made with RepCast.</p></footer>
<script src="{_href(SCRIPT, page)}"></script>
</body>
</html>
"""


def _seek(audio: str, start: float, end: float | None, label: str) -> str:
    """A link that opens the audio at ``start``; the script seeks the player instead."""
    at = _num(start)
    until = f' data-end="{_num(end)}"' if end is not None else ""
    return f'<a href="{audio}#t={at}" data-start="{at}"{until}>{label}</a>'


def _span(cls: str, text: str) -> str:
    return f'<span class="{cls}">{_e(text)}</span>'


def _section(key: str, heading: str, content: str) -> str:
    return f"""
<section aria-labelledby="{key}">
<h2 id="{key}">{heading}</h2>
{content}
</section>"""


def _cover(show: Show, ep: Episode | None, page: str, size: int) -> str:
    return (
        f'<img class="cover" src="{_image_href(show, ep, page)}" width="{size}" '
        f'height="{size}" alt="Cover art of {_e(show.title)}">'
    )


def _image_href(show: Show, ep: Episode | None, page: str) -> str:
    if ep is not None and ep.image_path:
        return _href(ep.image_path, page)
    if show.cover_name:
        return _href(show.cover_name, page)
    return _e(show.image_url or "")  # a cover the show keeps elsewhere


def _meta(ep: Episode) -> str:
    day = ep.pub_date.date().isoformat()
    return (
        f'Episode {ep.number} · <time datetime="{day}">{day}</time> · '
        f'<span title="duration">{whole_clock(ep.duration_seconds)}</span>'
    )


def _href(target: str | None, page: str) -> str:
    """A link from ``page`` to ``target`` (both relative to the show's folder): relative,
    so the pages work from any address and from the disk."""
    assert target is not None
    return quote(posixpath.relpath(target, posixpath.dirname(page) or "."))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _num(seconds: float) -> str:
    """Seconds to the millisecond, as short as that allows (media fragments, data-*)."""
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


def _read(out: Path, relative: str | None) -> str | None:
    if relative is None:
        return None
    try:
        return (out / relative).read_text("utf-8")
    except FileNotFoundError:
        return None


def _cues(vtt: str) -> list[tuple[float, float, str]]:
    """The cues of a WebVTT file as ``report.script_vtt`` writes it."""
    cues = []
    for block in vtt.split("\n\n"):
        lines = block.strip().splitlines()
        if lines and " --> " in lines[0]:
            start, _, end = lines[0].partition(" --> ")
            text = html.unescape(" ".join(lines[1:]))
            cues.append((_seconds(start), _seconds(end.split()[0]), text))
    return cues


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
