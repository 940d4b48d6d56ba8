"""The podcast: a show config (``podcast.yaml``) and its RSS feed.

The feed is RSS 2.0 with the iTunes tags and the Podcasting 2.0 namespace. It is rendered
deterministically (no "now" anywhere) so a rebuild of unchanged routines is byte-identical
and a sync tool or podcast app sees no spurious change.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from ..errors import InputError
from ..routine.documents import load_document
from ..routine.schema import Checker, Spec
from . import categories, cover

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# The podcast:guid namespace fixed by the Podcasting 2.0 spec (the "guid" tag).
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
FEED_NAME = "feed.xml"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# podcast:txt purposes are free-form; "ai-content" with "true" is the one the hosts and
# apps that say whether a podcast's voice or script is AI-made have settled on, pending a
# tag of its own in the namespace. RepCast's coach is a speech engine: always true.
AI_CONTENT = "ai-content"
# Chapters written into an episode's description, for apps that read only descriptions
# (they take a list of times from 00:00 as chapters when it has at least three).
MIN_LISTED_CHAPTERS = 3


@dataclass(frozen=True)
class Person:
    """podcast:person: someone the show names, with a page and a picture if given."""

    name: str
    href: str | None = None
    img: str | None = None


@dataclass(frozen=True)
class Show:
    title: str
    description: str
    author: str
    owner_name: str
    owner_email: str
    base_url: str  # http(s), always ends with "/"
    link: str  # the show's website; the config's base_url when not given
    guid: str  # podcast:guid; derived from the feed URL when not given
    language: str = "en"
    category: str = "Health & Fitness"
    subcategory: str | None = None
    explicit: bool = False
    locked: bool = True  # podcast:locked: other hosts may not import the feed
    copyright: str | None = None
    image_url: str | None = None
    image_file: Path | None = None  # a local cover the batch copies into the output folder
    # Its bytes as read and checked: the batch publishes what was checked.
    image: bytes | None = field(default=None, repr=False, compare=False)
    cover_name: str | None = None  # the cover's name in the output folder; None: a URL
    start_date: date | None = None
    every_days: int = 7
    host: Person | None = None
    source: str = "podcast.yaml"

    @property
    def feed_url(self) -> str:
        return self.base_url + FEED_NAME

    def url(self, relative: str) -> str:
        """The public URL of a file at ``relative`` (a plain, unencoded POSIX path)."""
        return self.base_url + quote(relative.lstrip("/"), safe="/")


@dataclass(frozen=True)
class Episode:
    guid: str
    title: str
    description: str
    number: int
    season: int | None
    pub_date: datetime  # tz-aware
    audio_path: str  # relative to the show's base_url, unencoded
    audio_bytes: int
    duration_seconds: int
    audio_type: str = "audio/mpeg"
    chapters_path: str | None = None
    transcript_path: str | None = None
    page_path: str | None = None  # the episode's web page
    chart_path: str | None = None  # the plan drawn as SVG, shown on the page
    image_path: str | None = None  # the episode's own cover art
    chapters: tuple[tuple[float, str], ...] = ()  # (start in seconds, title), for the text
    language: str = "en"  # the coach's, which the captions are in (not always the show's)
    week: int | None = None  # a training program's session: its week
    season_name: str | None = None  # ... and the program's name

    def __post_init__(self) -> None:
        # A naive datetime would be written as local time by one machine and UTC by
        # another; refuse it rather than publish a feed whose dates drift.
        if self.pub_date.tzinfo is None or self.pub_date.utcoffset() is None:
            raise ValueError("Episode.pub_date must be timezone-aware")


# The characters XML 1.0 can carry (lxml refuses the rest: control characters, U+FFFE,
# U+FFFF, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_problem(text: str) -> str | None:
    """Why ``text`` cannot go into the feed; None when it can."""
    bad = _NOT_XML.search(text)
    return f"has the character U+{ord(bad.group()):04X}, which a feed cannot carry" if bad else None


def feed_guid(feed_url: str) -> str:
    """podcast:guid as the spec derives it: UUIDv5 of the URL without scheme and
    trailing slashes."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(GUID_NAMESPACE, bare))


# --- show config ----------------------------------------------------------------------

OWNER = {
    "name": Spec("str", "the owner's name, shown by podcast directories", required=True),
    "email": Spec("email", "the owner's email, for directories to verify the show", required=True),
}
HOST = {
    "name": Spec("str", "the host's name, as apps show it", required=True),
    "link": Spec("url", "a page about the host"),
    "image": Spec("url", "a picture of the host (http or https URL)"),
}
CATEGORY = {
    "name": Spec("str", "an Apple Podcasts category", required=True),
    "sub": Spec("str", "a subcategory of it"),
}
SHOW = {
    "title": Spec("str", "title of the podcast", required=True),
    "description": Spec("str", "what the podcast is about", required=True),
    "author": Spec("str", "who makes it", required=True),
    "owner": Spec("object", "owner contact", required=True, fields=OWNER),
    "base_url": Spec("url", "public URL of the output folder", required=True),
    "image": Spec("str", "cover art: an http(s) URL or a local .jpg/.png beside the config"),
    "locked": Spec("bool", "podcast:locked: whether other hosts must refuse to import the feed"),
    "language": Spec("str", "language code of the show, e.g. en or de-at"),
    "category": Spec(
        "category", "'Category' or 'Category/Subcategory' or {name, sub}", fields=CATEGORY
    ),
    "explicit": Spec("bool", "whether episodes contain explicit content"),
    "link": Spec("url", "the show's website (default: base_url)"),
    "copyright": Spec("str", "copyright notice"),
    "start_date": Spec("date", "date of the first episode, e.g. 2026-01-05"),
    "every_days": Spec("int", "days between episodes", minimum=1, maximum=366),
    "guid": Spec("uuid", "podcast:guid, to keep a show's identity when its URL moves"),
    "host": Spec("object", "the show's host, for podcast:person", fields=HOST),
}

_LANG_RE = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*")


def load_show(path: Path) -> Show:
    """Read ``podcast.yaml``; every problem is an ``InputError`` naming file and field."""
    path = Path(path)
    c = Checker(str(path))
    doc = c.obj(load_document(path, "a show config"), SHOW, "")
    for name, text in _texts(doc):
        why = xml_problem(text)
        if why:
            raise c.fail(name, why)
    base_url = doc["base_url"]
    parts = urlsplit(base_url)
    if parts.query or parts.fragment:
        # Episode URLs are base_url + a path; a query or fragment would end up in between.
        raise c.fail("base_url", "must not have a query (?) or fragment (#)")
    base_url = base_url.rstrip("/") + "/"
    language = doc.get("language", "en")
    if not _LANG_RE.fullmatch(language):
        raise c.fail("language", f"expected a language code like en or en-us, got {language!r}")
    image_url, image_file, image, cover_name = _image(c, doc.get("image"), path.parent, base_url)
    if cover_name is None and image_url is None:
        cover_name = cover.generated_name(doc["title"])
        image_url = base_url + cover_name
    category, subcategory = doc.get("category", ("Health & Fitness", None))
    if why := categories.problem(category, subcategory):
        raise c.fail("category", why)
    show = Show(
        title=doc["title"],
        description=doc["description"],
        author=doc["author"],
        owner_name=doc["owner"]["name"],
        owner_email=doc["owner"]["email"],
        base_url=base_url,
        link=doc.get("link", base_url),
        guid=doc.get("guid") or feed_guid(base_url + FEED_NAME),
        language=language,
        category=category,
        subcategory=subcategory,
        explicit=doc.get("explicit", False),
        locked=doc.get("locked", True),
        copyright=doc.get("copyright"),
        image_url=image_url,
        image_file=image_file,
        image=image,
        cover_name=cover_name,
        start_date=doc.get("start_date"),
        every_days=doc.get("every_days", 7),
        host=_host(doc.get("host")),
        source=str(path),
    )
    return show


def _host(doc: dict[str, str] | None) -> Person | None:
    if doc is None:
        return None
    return Person(doc["name"], doc.get("link"), doc.get("image"))


def _texts(value: object, name: str = "") -> Iterator[tuple[str, str]]:
    """Every text in a checked config, with its field's name."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{name}.{key}" if name else key)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item, name)


def _image(
    c: Checker, value: str | None, folder: Path, base_url: str
) -> tuple[str | None, Path | None, bytes | None, str | None]:
    """The cover's URL, local file, bytes and name in the output folder, from the config's
    value."""
    if value is None:
        return None, None, None, None
    if "://" in value:
        url = c.check(value, SHOW["link"], "image")
        # feedgen silently drops an itunes:image whose URL does not end in .jpg or .png,
        # and Apple wants exactly that, so insist here where the user can be told.
        if not urlsplit(value).path.endswith((".jpg", ".png")):
            raise c.fail("image", "the URL must end in .jpg or .png")
        return url, None, None, None
    file = folder / value
    try:
        data = cover.load(file)
    except InputError as exc:
        raise c.fail("image", exc.reason) from None
    return base_url + quote(file.name), file, data, file.name


# --- RSS ------------------------------------------------------------------------------


class _PodcastIndex(BaseExtension):
    """Channel tags feedgen cannot write: the Podcasting 2.0 namespace, and itunes:explicit
    as Apple's current spec wants it (true/false; feedgen knows only yes/no/clean)."""

    def __init__(self) -> None:
        self.guid: str | None = None
        self.explicit = False
        self.locked = True
        self.owner_email = ""
        self.host: Person | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed: Any) -> Any:
        channel = feed[0]
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = str(self.explicit).lower()
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        # "no" is said outright too: the owner's email is how a new host verifies a move.
        locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel, owner=self.owner_email)
        locked.text = "yes" if self.locked else "no"
        if self.host:
            _person(channel, self.host)
        _ai_content(channel)
        return feed

    def extend_atom(self, feed: Any) -> Any:
        return feed


def _person(parent: Any, person: Person) -> None:
    attrs = {"role": "host"}
    attrs.update({k: v for k, v in (("href", person.href), ("img", person.img)) if v})
    xml_elem(f"{{{PODCAST_NS}}}person", parent, **attrs).text = person.name


def _ai_content(parent: Any) -> None:
    """The machine-readable word that the voice is synthetic (see AI_CONTENT)."""
    xml_elem(f"{{{PODCAST_NS}}}txt", parent, purpose=AI_CONTENT).text = "true"


class _PodcastIndexEntry(BaseEntryExtension):
    def __init__(self) -> None:
        self.chapters_url: str | None = None
        self.transcript_url: str | None = None
        self.language = "en"
        self.season: tuple[int, str] | None = None  # a program's season: number, name
        self.episode: int | None = None

    def extend_rss(self, item: Any) -> Any:
        if self.season:
            number, name = self.season
            season = xml_elem(f"{{{PODCAST_NS}}}season", item)
            season.set("name", name)  # not a keyword: xml_elem's own first parameter is name
            season.text = str(number)
        if self.episode is not None:
            xml_elem(f"{{{PODCAST_NS}}}episode", item).text = str(self.episode)
        if self.chapters_url:
            xml_elem(
                f"{{{PODCAST_NS}}}chapters",
                item,
                url=self.chapters_url,
                type="application/json+chapters",
            )
        if self.transcript_url:
            # Timed cues: captions, which apps show in time with the audio.
            xml_elem(
                f"{{{PODCAST_NS}}}transcript",
                item,
                url=self.transcript_url,
                type="text/vtt",
                language=self.language,
                rel="captions",
            )
        _ai_content(item)
        return item


def description(ep: Episode) -> str:
    """The episode's description as the feed gives it: its text, then its chapters as a
    list of times from 00:00, one a line, when it has enough of them. Plain text: an app
    that renders it as HTML runs the lines together, and still finds the times."""
    if len(ep.chapters) < MIN_LISTED_CHAPTERS:
        return ep.description
    with_hours = ep.chapters[-1][0] >= 3600
    lines = [f"{_stamp(at, with_hours)} {title}" for at, title in ep.chapters]
    return "\n".join([ep.description, "", *lines])


def read_chapters(path: Path) -> tuple[tuple[float, str], ...]:
    """An episode's chapters (start, title) from its JSON chapters file; none when the
    file is missing or not one RepCast wrote."""
    try:
        doc = json.loads(path.read_text("utf-8"))
        return tuple((float(c["startTime"]), str(c["title"])) for c in doc["chapters"])
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return ()


def _stamp(seconds: float, with_hours: bool) -> str:
    """MM:SS, or HH:MM:SS on every line of an episode with a chapter past the hour: the
    forms Spotify and Apple read (a single-digit hour such as 1:00:00 is not one)."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}" if with_hours else f"{minutes:02d}:{secs:02d}"


def serial(episodes: Sequence[Episode]) -> bool:
    """A show made from a training program is listened to in order, from the first."""
    return any(e.week is not None for e in episodes)


def newest_first(episodes: Sequence[Episode]) -> list[Episode]:
    """The order of the feed and the show's page; same-day episodes by number."""
    return sorted(episodes, key=lambda e: (e.pub_date, e.number), reverse=True)


def render_feed(show: Show, episodes: Sequence[Episode]) -> bytes:
    """The RSS document, UTF-8; the same show and episodes always give the same bytes."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", _PodcastIndex, _PodcastIndexEntry, atom=False)
    fg.title(show.title)
    # feedgen uses the *last* link as the RSS <link>, so the website goes after "self".
    fg.link(href=show.feed_url, rel="self", type="application/rss+xml")
    fg.link(href=show.link, rel="alternate")
    fg.description(show.description)
    fg.language(show.language)
    fg.generator("RepCast")  # no version: upgrading RepCast alone must not change the feed
    if show.copyright:
        fg.copyright(show.copyright)
    if show.image_url:
        fg.image(url=show.image_url, title=show.title, link=show.link)
        fg.podcast.itunes_image(show.image_url)
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    category = {"cat": show.category}
    if show.subcategory:
        category["sub"] = show.subcategory
    fg.podcast.itunes_category(category)
    fg.podcastindex.explicit = show.explicit
    fg.podcast.itunes_type("serial" if serial(episodes) else "episodic")
    fg.podcastindex.guid = show.guid or feed_guid(show.feed_url)
    fg.podcastindex.locked = show.locked
    fg.podcastindex.owner_email = show.owner_email
    fg.podcastindex.host = show.host

    ordered = newest_first(episodes)
    for ep in ordered:
        fe = fg.add_entry(order="append")
        fe.title(ep.title)
        if ep.page_path:
            fe.link(href=show.url(ep.page_path))
        if ep.image_path:
            fe.podcast.itunes_image(show.url(ep.image_path))
        if ep.description:
            fe.description(description(ep))
        fe.guid(ep.guid, permalink=False)
        fe.enclosure(show.url(ep.audio_path), str(ep.audio_bytes), ep.audio_type)
        fe.pubDate(ep.pub_date.astimezone(timezone.utc))
        fe.podcast.itunes_duration(int(ep.duration_seconds))
        fe.podcast.itunes_episode(ep.number)
        if ep.season is not None:
            fe.podcast.itunes_season(ep.season)
        if ep.week is not None:
            fe.podcastindex.episode = ep.number
            if ep.season is not None and ep.season_name:
                fe.podcastindex.season = (ep.season, ep.season_name)
        fe.podcast.itunes_episode_type("full")
        if ep.chapters_path:
            fe.podcastindex.chapters_url = show.url(ep.chapters_path)
        if ep.transcript_path:
            fe.podcastindex.transcript_url = show.url(ep.transcript_path)
        fe.podcastindex.language = ep.language

    # feedgen defaults lastBuildDate to now(); pin it to the content instead.
    if ordered:
        built = max(e.pub_date for e in ordered).astimezone(timezone.utc)
    elif show.start_date:
        built = datetime.combine(show.start_date, datetime.min.time(), timezone.utc)
    else:
        built = EPOCH
    fg.lastBuildDate(built)
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
