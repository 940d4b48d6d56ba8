"""The podcast: a show config (``podcast.yaml``) and its RSS feed.

The feed is RSS 2.0 with the iTunes tags and the Podcasting 2.0 namespace. It is rendered
deterministically (no "now" anywhere) so a rebuild of unchanged routines is byte-identical
and a sync tool or podcast app sees no spurious change.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from ..files import too_large
from ..routine.documents import load_document
from ..routine.schema import Checker, Spec
from ..sound.tags import MAX_COVER_BYTES
from . import categories, cover

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# The podcast:guid namespace fixed by the Podcasting 2.0 spec (the "guid" tag).
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
FEED_NAME = "feed.xml"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


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
    cover_name: str | None = None  # the cover's name in the output folder; None: a URL
    start_date: date | None = None
    every_days: int = 7
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

    def __post_init__(self) -> None:
        # A naive datetime would be written as local time by one machine and UTC by
        # another; refuse it rather than publish a feed whose dates drift.
        if self.pub_date.tzinfo is None or self.pub_date.utcoffset() is None:
            raise ValueError("Episode.pub_date must be timezone-aware")


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
}

_LANG_RE = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*")


def load_show(path: Path) -> Show:
    """Read ``podcast.yaml``; every problem is an ``InputError`` naming file and field."""
    path = Path(path)
    c = Checker(str(path))
    doc = c.obj(load_document(path, "a show config"), SHOW, "")
    base_url = doc["base_url"]
    parts = urlsplit(base_url)
    if parts.query or parts.fragment:
        # Episode URLs are base_url + a path; a query or fragment would end up in between.
        raise c.fail("base_url", "must not have a query (?) or fragment (#)")
    base_url = base_url.rstrip("/") + "/"
    language = doc.get("language", "en")
    if not _LANG_RE.fullmatch(language):
        raise c.fail("language", f"expected a language code like en or en-us, got {language!r}")
    image_url, image_file, cover_name = _image(c, doc.get("image"), path.parent, base_url)
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
        cover_name=cover_name,
        start_date=doc.get("start_date"),
        every_days=doc.get("every_days", 7),
        source=str(path),
    )
    return show


def _image(
    c: Checker, value: str | None, folder: Path, base_url: str
) -> tuple[str | None, Path | None, str | None]:
    """The cover's URL, local file and name in the output folder, from the config's value."""
    if value is None:
        return None, None, None
    if "://" in value:
        url = c.check(value, SHOW["link"], "image")
        # feedgen silently drops an itunes:image whose URL does not end in .jpg or .png,
        # and Apple wants exactly that, so insist here where the user can be told.
        if not urlsplit(value).path.endswith((".jpg", ".png")):
            raise c.fail("image", "the URL must end in .jpg or .png")
        return url, None, None
    file = folder / value
    if file.is_file() and file.stat().st_size > MAX_COVER_BYTES:
        raise c.fail("image", f"{file} {too_large(MAX_COVER_BYTES, 'a cover image')}")
    why = cover.problem(file)
    if why:
        raise c.fail("image", why)
    return base_url + quote(file.name), file, file.name


# --- RSS ------------------------------------------------------------------------------


class _PodcastIndex(BaseExtension):
    """Channel tags feedgen cannot write: the Podcasting 2.0 namespace, and itunes:explicit
    as Apple's current spec wants it (true/false; feedgen knows only yes/no/clean)."""

    def __init__(self) -> None:
        self.guid: str | None = None
        self.explicit = False
        self.locked = True
        self.owner_email = ""

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
        return feed

    def extend_atom(self, feed: Any) -> Any:
        return feed


class _PodcastIndexEntry(BaseEntryExtension):
    def __init__(self) -> None:
        self.chapters_url: str | None = None
        self.transcript_url: str | None = None

    def extend_rss(self, item: Any) -> Any:
        if self.chapters_url:
            xml_elem(
                f"{{{PODCAST_NS}}}chapters",
                item,
                url=self.chapters_url,
                type="application/json+chapters",
            )
        if self.transcript_url:
            xml_elem(f"{{{PODCAST_NS}}}transcript", item, url=self.transcript_url, type="text/vtt")
        return item


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
    fg.podcast.itunes_type("episodic")
    fg.podcastindex.guid = show.guid or feed_guid(show.feed_url)
    fg.podcastindex.locked = show.locked
    fg.podcastindex.owner_email = show.owner_email

    ordered = newest_first(episodes)
    for ep in ordered:
        fe = fg.add_entry(order="append")
        fe.title(ep.title)
        if ep.page_path:
            fe.link(href=show.url(ep.page_path))
        if ep.image_path:
            fe.podcast.itunes_image(show.url(ep.image_path))
        if ep.description:
            fe.description(ep.description)
        fe.guid(ep.guid, permalink=False)
        fe.enclosure(show.url(ep.audio_path), str(ep.audio_bytes), ep.audio_type)
        fe.pubDate(ep.pub_date.astimezone(timezone.utc))
        fe.podcast.itunes_duration(int(ep.duration_seconds))
        fe.podcast.itunes_episode(ep.number)
        if ep.season is not None:
            fe.podcast.itunes_season(ep.season)
        fe.podcast.itunes_episode_type("full")
        if ep.chapters_path:
            fe.podcastindex.chapters_url = show.url(ep.chapters_path)
        if ep.transcript_path:
            fe.podcastindex.transcript_url = show.url(ep.transcript_path)

    # feedgen defaults lastBuildDate to now(); pin it to the content instead.
    if ordered:
        built = max(e.pub_date for e in ordered).astimezone(timezone.utc)
    elif show.start_date:
        built = datetime.combine(show.start_date, datetime.min.time(), timezone.utc)
    else:
        built = EPOCH
    fg.lastBuildDate(built)
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
