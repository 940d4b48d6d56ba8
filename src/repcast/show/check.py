"""An offline check of a published show: the output folder read as a podcast directory reads
it (its feed, then every file the feed points to), and what Apple Podcasts, Spotify and
Podcast Index would refuse or warn about, one finding a line.

Only what the feed links inside the show's own folder (its base URL, from the feed's
``atom:link rel="self"``) is looked at; what is kept at another address is not fetched.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

from lxml import etree

from .. import proc
from ..errors import InputError, RepcastError
from ..files import read_bytes
from ..timing import SAMPLE_RATE
from . import cover
from .feed import FEED_NAME, ITUNES_NS, PODCAST_NS

Verdict = Literal["refused", "warning"]
APPLE, SPOTIFY, INDEX = "Apple Podcasts", "Spotify", "Podcast Index"
ALL = (APPLE, SPOTIFY, INDEX)

MAX_FEED_BYTES = 50_000_000
MAX_CHAPTERS_BYTES = 5_000_000
MAX_DESCRIPTION = 4000  # characters Apple shows of a description
DURATION_SLACK = 2  # seconds between itunes:duration and the decoded audio
# Apple's top-level categories: any other is refused.
CATEGORIES = frozenset(
    {
        "Arts",
        "Business",
        "Comedy",
        "Education",
        "Fiction",
        "Government",
        "Health & Fitness",
        "History",
        "Kids & Family",
        "Leisure",
        "Music",
        "News",
        "Religion & Spirituality",
        "Science",
        "Society & Culture",
        "Sports",
        "Technology",
        "True Crime",
        "TV & Film",
    }
)
# The audio types a file's container stands for (mutagen's name for it).
AUDIO_TYPES = {
    "MP3": {"audio/mpeg"},
    "MP4": {"audio/mp4", "audio/x-m4a", "audio/m4a"},
    "OggOpus": {"audio/ogg", "audio/opus"},
    "FLAC": {"audio/flac", "audio/x-flac"},
    "WAVE": {"audio/wav", "audio/x-wav"},
}
NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": "http://www.w3.org/2005/Atom"}


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    where: str  # a file of the show, or the feed's tag
    what: str
    who: tuple[str, ...]  # the directories that would refuse or warn

    def line(self) -> str:
        return f"{self.verdict}: {self.where}: {self.what} ({', '.join(self.who)})"


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    episodes: int

    @property
    def refused(self) -> bool:
        return any(f.verdict == "refused" for f in self.findings)

    def lines(self) -> list[str]:
        if self.findings:
            return [f.line() for f in self.findings]
        return [f"ok: {self.episodes} episodes; nothing a directory would refuse or warn about"]


def check_show(folder: Path) -> Report:
    """Read the show in ``folder`` as a directory would; what it would refuse or warn
    about. An ``InputError`` when the folder holds no feed at all."""
    if not folder.is_dir():
        raise InputError("is not a folder", file=str(folder))
    feed = folder / FEED_NAME
    if not feed.is_file():
        raise InputError(
            f"has no {FEED_NAME}; give the folder repcast batch wrote", file=str(folder)
        )
    data = read_bytes(feed, "a feed", MAX_FEED_BYTES)
    # No entities, no network: the feed is read as data, whoever wrote it.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        channel = etree.fromstring(data, parser).find("channel")
    except etree.XMLSyntaxError as exc:
        return Report((Finding("refused", FEED_NAME, f"is not well-formed XML: {exc}", ALL),), 0)
    if channel is None:
        return Report((Finding("refused", FEED_NAME, "has no <channel>", ALL),), 0)
    show = _Show(folder, channel)
    items = channel.findall("item")
    findings = [*show.channel(len(items))]
    guids: dict[str, str] = {}
    for item in items:
        findings += show.episode(item, guids)
    return Report(tuple(findings), len(items))


class _Show:
    """The feed's channel and the folder it was published from."""

    def __init__(self, folder: Path, channel: Any) -> None:
        self.folder = folder.resolve()
        self.channel_el = channel
        self_link = channel.find("atom:link[@rel='self']", NS)
        href = self_link.get("href", "") if self_link is not None else ""
        self.base = href[: -len(FEED_NAME)] if href.endswith("/" + FEED_NAME) else None
        self.recorded = _recorded_guids(folder)

    def local(self, url: str) -> Path | None:
        """The file in the folder a URL of the show stands for; None for another address
        (or one that would lead out of the folder)."""
        if self.base is None or not url.startswith(self.base):
            return None
        relative = posixpath.normpath(unquote(url[len(self.base) :]))
        path = (self.folder / relative).resolve()
        return path if path.is_relative_to(self.folder) and path != self.folder else None

    def name(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def channel(self, episodes: int) -> Iterator[Finding]:
        ch = self.channel_el
        if self.base is None:
            yield Finding("warning", "atom:link", "no self link: the files cannot be found", ALL)
        if not _text(ch, "title"):
            yield Finding("refused", "title", "the show has no title", ALL)
        yield from _description(ch, "show description", (APPLE, SPOTIFY))
        if not _text(ch, "language"):
            yield Finding("warning", "language", "no language given", (APPLE, SPOTIFY))
        image = ch.find("itunes:image", NS)
        if image is None or not image.get("href"):
            yield Finding("refused", "itunes:image", "the show has no cover art", (APPLE, SPOTIFY))
        else:
            yield from self.art(image.get("href"), "itunes:image", (APPLE, SPOTIFY))
        explicit = _text(ch, "itunes:explicit")
        if explicit not in ("true", "false", "yes", "no", "clean"):
            yield Finding(
                "refused", "itunes:explicit", f"must be true or false, not {explicit!r}", (APPLE,)
            )
        category = ch.find("itunes:category", NS)
        name = category.get("text", "") if category is not None else ""
        if name not in CATEGORIES:
            what = f"{name!r} is not an Apple Podcasts category" if name else "no category"
            yield Finding("refused", "itunes:category", what, (APPLE,))
        if not _text(ch, "itunes:owner/itunes:email"):
            why = "no owner email: the directories send their verification code there"
            yield Finding("warning", "itunes:owner", why, (SPOTIFY, INDEX))
        if not _text(ch, "podcast:guid"):
            yield Finding("warning", "podcast:guid", "no podcast:guid", (INDEX,))
        if episodes == 0:
            yield Finding("refused", FEED_NAME, "no episodes: a show needs one", (APPLE, SPOTIFY))

    def art(self, url: str, where: str, who: tuple[str, ...]) -> Iterator[Finding]:
        path = self.local(url)
        if path is not None:
            why = cover.problem(path)
            if why:
                yield Finding("refused", where, why, who)

    def episode(self, item: Any, guids: dict[str, str]) -> Iterator[Finding]:
        title = _text(item, "title")
        enclosure = item.find("enclosure")
        url = enclosure.get("url", "") if enclosure is not None else ""
        where = posixpath.basename(unquote(url)) or title or "an episode"
        if not title:
            yield Finding("refused", where, "an episode without a title", ALL)
        guid = _text(item, "guid")
        if not guid:
            yield Finding("refused", where, "no guid", (APPLE, INDEX))
        elif guid in guids:
            yield Finding("refused", where, f"the same guid as {guids[guid]}", ALL)
        else:
            guids[guid] = where
            if guid == url:
                why = "the guid is the audio's URL: it changes when the file moves"
                yield Finding("warning", where, why, ALL)
            elif self.recorded is not None and guid not in self.recorded:
                why = f"guid {guid} is not the one published for it: apps list it as new"
                yield Finding("warning", where, why, ALL)
        yield from _description(item, f"{where}: description", (APPLE,))
        if enclosure is None or not url:
            yield Finding("refused", where, "no enclosure (no audio)", ALL)
        else:
            yield from self.audio(where, url, enclosure, _text(item, "itunes:duration"))
        for tag, what in (("podcast:chapters", "chapters"), ("podcast:transcript", "transcript")):
            for link in item.findall(tag, NS):
                yield from self.linked(where, what, link.get("url", ""))
        image = item.find("itunes:image", NS)
        if image is not None and image.get("href"):
            yield from self.art(image.get("href"), f"{where}: itunes:image", (APPLE,))

    def audio(self, where: str, url: str, enclosure: Any, duration: str) -> Iterator[Finding]:
        path = self.local(url)
        if path is None:
            return  # kept elsewhere: not fetched
        if not path.is_file():
            yield Finding("refused", where, f"the enclosure {url} is missing", ALL)
            return
        size = path.stat().st_size
        length = enclosure.get("length", "")
        if length != str(size):
            why = f"the enclosure length is {length or 'missing'}, the file has {size} bytes"
            yield Finding("refused", where, why, ALL)
        import mutagen  # only for the command that checks

        try:
            audio = mutagen.File(path)
        except mutagen.MutagenError:
            audio = None
        kind = type(audio).__name__ if audio is not None else "not audio"
        declared = enclosure.get("type", "")
        if declared not in AUDIO_TYPES.get(kind, set()):
            why = f"the enclosure type is {declared!r} but the file is {kind}"
            yield Finding("refused", where, why, ALL)
        # The length the file's header states (an MP3's frame count, an M4A's track length),
        # as players and directories read it; decoded only when the header has none, since
        # the batch checks every episode at the end of every run.
        decoded = getattr(getattr(audio, "info", None), "length", 0) or None
        try:
            if decoded is None:
                pcm = proc.stream(proc.decode_args(path))
                decoded = sum(len(c) for c in pcm) / 2 / SAMPLE_RATE
        except RepcastError:
            yield Finding("refused", where, "the audio cannot be decoded", ALL)
            return
        said = _seconds(duration)
        if said is None:
            yield Finding(
                "warning", where, f"itunes:duration {duration!r} is not a length", (APPLE,)
            )
        elif abs(said - decoded) > DURATION_SLACK:
            why = f"itunes:duration says {said} s, the audio lasts {decoded:.1f} s"
            yield Finding("warning", where, why, ALL)

    def linked(self, where: str, what: str, url: str) -> Iterator[Finding]:
        path = self.local(url)
        if path is None:
            return
        if not path.is_file():
            yield Finding("refused", where, f"the {what} file {url} is missing", (INDEX,))
        elif what == "chapters":
            try:
                doc = json.loads(read_bytes(path, "a chapters file", MAX_CHAPTERS_BYTES))
                listed = isinstance(doc, dict) and isinstance(doc.get("chapters"), list)
            except (RepcastError, ValueError, RecursionError):
                listed = False
            if not listed:
                yield Finding("refused", where, f"{self.name(path)} is not JSON chapters", (INDEX,))


def _text(el: Any, path: str) -> str:
    found = el.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _description(el: Any, where: str, who: tuple[str, ...]) -> Iterator[Finding]:
    text = _text(el, "description")
    if not text:
        yield Finding("warning", where, "empty", who)
    elif len(text) > MAX_DESCRIPTION:
        why = f"{len(text)} characters; only the first {MAX_DESCRIPTION} are shown"
        yield Finding("warning", where, why, (APPLE,))


def _seconds(duration: str) -> int | None:
    """itunes:duration as seconds: 1234, 20:34 or 1:20:34."""
    parts = duration.split(":")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() and len(p) <= 9 for p in parts):
        return None
    return sum(int(p) * 60**i for i, p in enumerate(reversed(parts)))


def _recorded_guids(folder: Path) -> set[str] | None:
    """The guids the batch recorded as published, when its state file is there."""
    from .batch import STATE

    try:
        return set(json.loads((folder / STATE).read_text("utf-8"))["episodes"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
