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

import functools
import html
import json
import posixpath
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..errors import InputError
from ..files import atomic_write_all
from ..timing import whole_clock
from .feed import FEED_NAME, Episode, Show, newest_first, serial

INDEX = "index.html"
STYLE = "style.css"
SCRIPT = "player.js"
ASSETS = (STYLE, SCRIPT)  # package data files, copied as they are
GENERATOR = '<meta name="generator" content="RepCast">'
# How each top-level file says RepCast made it, near its start.
MARKS = {INDEX: GENERATOR.encode(), STYLE: b"/* RepCast:", SCRIPT: b"// RepCast:"}


@dataclass(frozen=True)
class Words:
    """What the pages say themselves, in the show's language (its text is the user's)."""

    subscribe: str
    how: str  # {feed}: the link to the feed, worded by ``feed``
    feed: str
    address: str
    copy: str
    copied: str
    episodes: str
    none: str
    episode: str  # {n}
    duration: str
    play: str  # {title}: the label of an episode's player on the show's page
    chapters: str
    plan: str
    transcript: str
    download: str
    size: str  # {mb}
    cover: str  # {title}
    synthetic: str  # the voice is not a person's
    made: str
    week: str  # {week}: a program's week, heading its sessions on the show's page
    season_week: str  # {season}, {week}: the same in a show of several programs
    decimal: str = "."


WORDS = {
    "en": Words(
        subscribe="Subscribe",
        how='Add this {feed} to your podcast app; most apps take its address under "Follow a'
        ' show by URL" or "Add by RSS".',
        feed="podcast feed",
        address="Feed address",
        copy="Copy",
        copied="Copied",
        episodes="Episodes",
        none="No episodes yet.",
        episode="Episode {n}",
        duration="duration",
        play="Play {title}",
        chapters="Chapters",
        plan="Plan",
        transcript="Transcript",
        download="Download the episode",
        size="MP3, {mb} MB",
        cover="Cover art of {title}",
        synthetic="The coach's voice is synthetic: a speech engine reads the workouts, no"
        " person recorded them.",
        made="Made with RepCast.",
        week="Week {week}",
        season_week="Season {season}, week {week}",
    ),
    "de": Words(
        subscribe="Abonnieren",
        how="Füge diesen {feed} deiner Podcast-App hinzu; die meisten Apps nehmen seine"
        " Adresse unter „Podcast per URL folgen“ oder „Per RSS hinzufügen“ an.",
        feed="Podcast-Feed",
        address="Feed-Adresse",
        copy="Kopieren",
        copied="Kopiert",
        episodes="Folgen",
        none="Noch keine Folgen.",
        episode="Folge {n}",
        duration="Dauer",
        play="{title} abspielen",
        chapters="Kapitel",
        plan="Ablauf",
        transcript="Transkript",
        download="Folge herunterladen",
        size="MP3, {mb} MB",
        cover="Titelbild von {title}",
        synthetic="Die Stimme des Coachs ist synthetisch: Eine Sprachsynthese liest die"
        " Workouts vor, kein Mensch hat sie aufgenommen.",
        made="Erstellt mit RepCast.",
        week="Woche {week}",
        season_week="Staffel {season}, Woche {week}",
        decimal=",",
    ),
    "es": Words(
        subscribe="Suscribirse",
        how="Añade este {feed} a tu aplicación de pódcasts; la mayoría acepta su dirección en"
        " «Seguir un programa por URL» o «Añadir por RSS».",
        feed="feed del pódcast",
        address="Dirección del feed",
        copy="Copiar",
        copied="Copiado",
        episodes="Episodios",
        none="Todavía no hay episodios.",
        episode="Episodio {n}",
        duration="duración",
        play="Reproducir {title}",
        chapters="Capítulos",
        plan="Plan",
        transcript="Transcripción",
        download="Descargar el episodio",
        size="MP3, {mb} MB",
        cover="Portada de {title}",
        synthetic="La voz del entrenador es sintética: un motor de voz lee los entrenamientos,"
        " ninguna persona los grabó.",
        made="Hecho con RepCast.",
        week="Semana {week}",
        season_week="Temporada {season}, semana {week}",
        decimal=",",
    ),
}


def words_for(language: str) -> Words:
    """The pages' words for a language code (``de-at`` takes ``de``); English otherwise."""
    return WORDS.get(language.split("-")[0].lower(), WORDS["en"])


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
    """Write the pages (and their style sheet and script) into ``out``, all renamed into
    place together; delete the pages of ``written_before`` that are no longer made.
    Returns what it made, for the next run."""
    files = render_pages(show, episodes, functools.partial(text_in, out))
    atomic_write_all(changed(out, files))
    for stale in set(written_before) - set(files):
        (out / stale).unlink(missing_ok=True)
    return sorted(files)


def render_pages(
    show: Show, episodes: Sequence[Episode], read: Callable[[str], str | None]
) -> dict[str, bytes]:
    """Every page, by its path in the show's folder: the episodes' first, then the index,
    which links them. ``read`` gives the text of an episode's file by its path (None when
    it is missing)."""
    data = resources.files("repcast") / "data"
    files = {name: (data / name).read_bytes() for name in ASSETS}
    for ep in episodes:
        assert ep.page_path is not None
        files[ep.page_path] = episode_page(show, ep, read).encode("utf-8")
    files[INDEX] = show_page(show, episodes).encode("utf-8")
    return files


def changed(out: Path, files: Mapping[str, bytes]) -> dict[Path, bytes]:
    """The files whose bytes differ from those in ``out`` (an unchanged page keeps its
    date), by their paths there."""
    targets = {out / name: data for name, data in files.items()}
    return {t: data for t, data in targets.items() if not (t.is_file() and t.read_bytes() == data)}


def show_page(show: Show, episodes: Sequence[Episode]) -> str:
    words = words_for(show.language)
    if serial(episodes):
        listing = _by_week(episodes, words)
    elif episodes:
        items = "".join(_item(ep, "h3", words) for ep in newest_first(episodes))
        listing = f'<ol class="episodes" reversed>\n{items}\n</ol>'
    else:
        listing = f"<p>{_e(words.none)}</p>"
    feed = f'<a href="{FEED_NAME}" type="application/rss+xml">{_e(words.feed)}</a>'
    body = f"""<header class="show">
{_cover(show, None, INDEX, 240)}
<div>
<h1>{_e(show.title)}</h1>
<p class="meta">{_e(show.author)}</p>
<p>{_e(show.description)}</p>
<p class="synthetic">{_e(words.synthetic)}</p>
</div>
</header>
<main>
<section class="subscribe" aria-labelledby="subscribe">
<h2 id="subscribe">{_e(words.subscribe)}</h2>
<p>{_e(words.how).replace("{feed}", feed)}</p>
<p class="copy"><label for="feed-url">{_e(words.address)}</label>
<input id="feed-url" type="url" readonly value="{_e(show.feed_url)}">
<button type="button" data-copy="feed-url" data-done="{_e(words.copied)}" hidden>\
{_e(words.copy)}</button></p>
</section>
<section aria-labelledby="episodes">
<h2 id="episodes">{_e(words.episodes)}</h2>
{listing}
</section>
</main>"""
    return _document(show, show.title, INDEX, body)


def _item(ep: Episode, heading: str, words: Words) -> str:
    """An episode on the show's page: its art, title, meta, description and a player."""
    assert ep.page_path is not None
    art = (
        f'<img class="art" src="{_href(ep.image_path, INDEX)}" width="72" height="72" alt="">'
        if ep.image_path
        else ""
    )
    label = _e(words.play.format(title=ep.title))
    return f"""<li>
{art}<div>
<{heading}><a href="{_href(ep.page_path, INDEX)}">{_e(ep.title)}</a></{heading}>
<p class="meta">{_meta(ep, words)}</p>
<p>{_e(ep.description)}</p>
<audio controls preload="none" src="{_href(ep.audio_path, INDEX)}" aria-label="{label}"></audio>
</div>
</li>"""


def _by_week(episodes: Sequence[Episode], words: Words) -> str:
    """A program's season, oldest first, under a heading for each week."""
    ordered = sorted(episodes, key=lambda e: (e.season or 0, e.number))
    groups: dict[tuple[int, int], list[Episode]] = {}
    for ep in ordered:
        groups.setdefault((ep.season or 0, ep.week or 0), []).append(ep)
    seasons = {season for season, _ in groups}
    out = []
    for (season, week), eps in groups.items():
        several = len(seasons) > 1
        where = f"season-{season}-week-{week}" if several else f"week-{week}"
        label = (words.season_week if several else words.week).format(season=season, week=week)
        items = "".join(_item(ep, "h4", words) for ep in eps)
        out.append(
            f'<section class="week" aria-labelledby="{where}">\n<h3 id="{where}">{_e(label)}</h3>\n'
            f'<ol class="episodes" start="{eps[0].number}">\n{items}\n</ol>\n</section>'
        )
    return "\n".join(out)


def episode_page(show: Show, ep: Episode, read: Callable[[str], str | None]) -> str:
    """One episode's page; its chapters, transcript and chart come from its files, as
    ``read`` gives them (a part whose file is missing is left out)."""
    assert ep.page_path is not None
    words = words_for(show.language)
    page = ep.page_path
    audio = _href(ep.audio_path, page)
    parts = []
    chapters = _part(read, ep.chapters_path)
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
        parts.append(_section("chapters", words.chapters, f'<ol class="chapters">\n{links}\n</ol>'))
    chart = _part(read, ep.chart_path)
    if chart is not None:
        parts.append(_section("plan", words.plan, f'<figure class="chart">\n{chart}</figure>'))
    transcript = _part(read, ep.transcript_path)
    if transcript is not None:
        cues = _cues(transcript)
        voices = {c.voice for c in cues if c.voice}
        voice = f' data-voice="{_e(voices.pop())}"' if len(voices) == 1 else ""
        lines = "\n".join(_line(audio, group) for group in _lines(cues))
        parts.append(
            _section(
                "transcript", words.transcript, f'<ol class="transcript"{voice}>\n{lines}\n</ol>'
            )
        )
    track = (
        f'\n<track kind="captions" src="{_href(ep.transcript_path, page)}" '
        f'srclang="{_e(ep.language)}" label="{_e(words.transcript)}">'
        if transcript is not None
        else ""
    )
    megabytes = f"{ep.audio_bytes / 1_000_000:.1f}".replace(".", words.decimal)
    body = f"""<nav><a href="{_href(INDEX, page)}">{_e(show.title)}</a></nav>
<main>
<header class="show">
{_cover(show, ep, page, 160)}
<div>
<h1>{_e(ep.title)}</h1>
<p class="meta">{_meta(ep, words)}</p>
<p>{_e(ep.description)}</p>
</div>
</header>
<audio id="player" controls preload="metadata" src="{audio}">{track}
</audio>
<p><a href="{audio}" download>{_e(words.download)}</a> ({words.size.format(mb=megabytes)})</p>
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
<footer><p>{_e(words_for(show.language).made)}</p></footer>
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
    alt = words_for(show.language).cover.format(title=show.title)
    return (
        f'<img class="cover" src="{_image_href(show, ep, page)}" width="{size}" '
        f'height="{size}" alt="{_e(alt)}">'
    )


def _image_href(show: Show, ep: Episode | None, page: str) -> str:
    if ep is not None and ep.image_path:
        return _href(ep.image_path, page)
    if show.cover_name:
        return _href(show.cover_name, page)
    return _e(show.image_url or "")  # a cover the show keeps elsewhere


def _meta(ep: Episode, words: Words) -> str:
    day = ep.pub_date.date().isoformat()
    return (
        f'{_e(words.episode.format(n=ep.number))} · <time datetime="{day}">{day}</time> · '
        f'<span title="{_e(words.duration)}">{whole_clock(ep.duration_seconds)}</span>'
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


def _part(read: Callable[[str], str | None], relative: str | None) -> str | None:
    return None if relative is None else read(relative)


def text_in(out: Path, relative: str) -> str | None:
    """The text of the file at ``relative`` in ``out``; None when it is missing."""
    try:
        return (out / relative).read_text("utf-8")
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class _Cue:
    role: str  # from the cue's identifier, "countdown-12": "" when it has none
    start: float
    end: float
    voice: str
    text: str


# What the coach counts: a run of these is one line of the transcript on the page.
COUNTED = ("countdown", "rep")
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^>]*)>")


def _cues(vtt: str) -> list[_Cue]:
    """The cues of a WebVTT file as ``report.script_vtt`` writes it (older files have no
    identifiers or voices)."""
    cues = []
    for block in vtt.split("\n\n"):
        lines = block.strip().splitlines()
        timing = next((i for i, line in enumerate(lines) if " --> " in line), None)
        if timing is None or timing > 1:
            continue  # the header
        ident = lines[0] if timing == 1 else ""
        start, _, end = lines[timing].partition(" --> ")
        text = " ".join(lines[timing + 1 :])
        voice = _VOICE.match(text)
        if voice:
            text = text[voice.end() :]
        cues.append(
            _Cue(
                ident.rpartition("-")[0],
                _seconds(start),
                _seconds(end.split()[0]),
                voice.group(1).strip() if voice else "",
                html.unescape(text),
            )
        )
    return cues


def _lines(cues: list[_Cue]) -> list[list[_Cue]]:
    """The cues grouped into the transcript's lines: a countdown, or a set's rep counts,
    is one line; anything else is a line of its own."""
    out: list[list[_Cue]] = []
    for cue in cues:
        if out and cue.role in COUNTED and out[-1][-1].role == cue.role:
            out[-1].append(cue)
        else:
            out.append([cue])
    return out


def _line(audio: str, cues: list[_Cue]) -> str:
    """A line of the transcript: its time, a link that plays from there, then its words;
    each cue keeps its own times (the captions are made from them on a file:// page)."""
    words = ", ".join(
        f'<span class="cue" data-start="{_num(c.start)}" data-end="{_num(c.end)}">'
        f"{_e(c.text)}</span>"
        for c in cues
    )
    link = _seek(audio, cues[0].start, cues[-1].end, whole_clock(cues[0].start))
    return f'<li>{link} <span class="text">{words}</span></li>'


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
