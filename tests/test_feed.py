"""The show config and the RSS feed, read back by real podcast clients' parsers."""

from __future__ import annotations

import io
import uuid
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import podcastparser
import pytest
import yaml
from lxml import etree

from repcast.errors import InputError
from repcast.show import cover
from repcast.show.feed import Episode, Show, feed_guid, load_show, render_feed

from .conftest import make_image

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
NS = {"podcast": PODCAST_NS, "itunes": ITUNES_NS}
TRICKY = 'Push & pull <fast> "now" it\'s 💪 time'

GOOD: dict[str, Any] = {
    "title": "RepCast Weekly",
    "description": "Voice-guided workouts",
    "author": "Jo Trainer",
    "owner": {"name": "Jo Trainer", "email": "jo@example.com"},
    "base_url": "https://example.com/pod",
}


def write_config(folder: Path, doc: dict[str, Any]) -> Path:
    path = folder / "podcast.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def show_of(folder: Path, **changes: Any) -> Show:
    return load_show(write_config(folder, {**GOOD, **changes}))


def episode(n: int, **changes: Any) -> Episode:
    fields: dict[str, Any] = {
        "guid": f"repcast-ep-{n}",
        "title": f"Workout {n}",
        "description": f"Day {n} of the plan",
        "number": n,
        "season": None,
        "pub_date": datetime(2026, 1, 5, 6, tzinfo=timezone.utc) + timedelta(days=7 * (n - 1)),
        "audio_path": f"episodes/{n:03d}.mp3",
        "audio_bytes": 1000 + n,
        "duration_seconds": 1800 + n,
        "chapters_path": f"episodes/{n:03d}.chapters.json",
        "transcript_path": f"episodes/{n:03d}.vtt",
    }
    return Episode(**{**fields, **changes})


# --- show config ----------------------------------------------------------------------


def test_good_config_full(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    make_image(tmp_path / "art" / "cover.png")
    show = show_of(
        tmp_path,
        base_url="https://example.com/pod//",
        image="art/cover.png",
        language="de-at",
        category={"name": "Health & Fitness", "sub": "Fitness"},
        explicit=True,
        locked=False,
        link="https://example.com/",
        copyright="© 2026 Jo",
        start_date="2026-01-05",
        every_days=3,
    )
    assert show.base_url == "https://example.com/pod/"
    assert show.feed_url == "https://example.com/pod/feed.xml"
    assert show.image_file == tmp_path / "art" / "cover.png"
    assert show.image_url == "https://example.com/pod/cover.png"
    assert show.cover_name == "cover.png"
    assert show.locked is False
    assert (show.category, show.subcategory) == ("Health & Fitness", "Fitness")
    assert (show.language, show.explicit, show.link) == ("de-at", True, "https://example.com/")
    assert (show.start_date, show.every_days) == (date(2026, 1, 5), 3)
    assert (show.owner_name, show.owner_email) == ("Jo Trainer", "jo@example.com")


def test_defaults(tmp_path: Path) -> None:
    show = show_of(tmp_path)
    assert show.base_url == "https://example.com/pod/"
    assert show.link == show.base_url
    assert (show.language, show.category, show.subcategory) == ("en", "Health & Fitness", None)
    assert (show.explicit, show.every_days, show.start_date) == (False, 7, None)
    assert (show.image_file, show.copyright, show.locked) == (None, None, True)
    # No image: a cover is drawn, named after what it shows.
    assert show.cover_name == cover.generated_name("RepCast Weekly")
    assert show.image_url == f"https://example.com/pod/{show.cover_name}"
    assert show_of(tmp_path, title="Other").cover_name != show.cover_name
    expected = uuid.uuid5(
        uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "example.com/pod/feed.xml"
    )
    assert show.guid == str(expected)


def test_category_string_and_remote_image_and_yaml_date(tmp_path: Path) -> None:
    path = tmp_path / "podcast.yaml"
    path.write_text(
        yaml.safe_dump({**GOOD, "category": "Sports/Running", "image": "https://cdn.x/c.jpg"})
        + "start_date: 2026-02-02\nguid: 917393E3-1B1E-5CEF-ACE4-EDAA54E1F810\n",
        encoding="utf-8",
    )
    show = load_show(path)
    assert (show.category, show.subcategory) == ("Sports", "Running")
    assert (show.image_url, show.image_file, show.cover_name) == ("https://cdn.x/c.jpg", None, None)
    assert show.start_date == date(2026, 2, 2)
    assert show.guid == "917393e3-1b1e-5cef-ace4-edaa54e1f810"


def without(key: str) -> dict[str, Any]:
    return {k: v for k, v in GOOD.items() if k != key}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (without("owner"), "owner: is required"),
        ({**GOOD, "owner": {"name": "Jo"}}, "owner.email: is required"),
        (
            {**GOOD, "owner": {"name": "Jo", "email": "jo at example"}},
            "owner.email: expected an email address, got 'jo at example'",
        ),
        ({**GOOD, "base_url": "ftp://x"}, "base_url: expected an http(s) URL, got 'ftp://x'"),
        (
            {**GOOD, "base_url": "not a url"},
            "base_url: expected an http(s) URL, got 'not a url'",
        ),
        (
            {**GOOD, "base_url": "https://x.org/?a=1"},
            "base_url: must not have a query (?) or fragment (#)",
        ),
        ({**GOOD, "autor": "Jo"}, "autor: unknown field (did you mean 'author'?)"),
        (
            {**GOOD, "owner": {"name": "Jo", "emial": "jo@x.org"}},
            "owner.emial: unknown field (did you mean 'email'?)",
        ),
        ({**GOOD, "every_days": 0}, "every_days: must be at least 1, got 0"),
        (
            {**GOOD, "start_date": "5.1.2026"},
            "start_date: expected a date like 2026-01-05, got '5.1.2026'",
        ),
        (
            {**GOOD, "start_date": 20260105},
            "start_date: expected a date like 2026-01-05, got 20260105",
        ),
        ({**GOOD, "guid": "abc"}, "guid: expected a UUID, got 'abc'"),
        ({**GOOD, "image": "https://x.org/c.webp"}, "image: the URL must end in .jpg or .png"),
        (without("title"), "title: is required"),
    ],
)
def test_config_errors(tmp_path: Path, doc: dict[str, Any], message: str) -> None:
    path = write_config(tmp_path, doc)
    with pytest.raises(InputError) as info:
        load_show(path)
    assert str(info.value) == f"{path}: {message}"
    assert info.value.exit_code == 2


def test_image_file_missing(tmp_path: Path) -> None:
    path = write_config(tmp_path, {**GOOD, "image": "cover.jpg"})
    with pytest.raises(InputError) as info:
        load_show(path)
    assert str(info.value) == f"{path}: image: no such file: {tmp_path / 'cover.jpg'}"


def test_image_file_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "cover.jpg").write_text("hello")
    path = write_config(tmp_path, {**GOOD, "image": "cover.jpg"})
    with pytest.raises(InputError) as info:
        load_show(path)
    assert str(info.value) == f"{path}: image: {tmp_path / 'cover.jpg'} is not a JPEG or PNG image"


@pytest.mark.parametrize(
    ("name", "size", "mode", "fmt", "message"),
    [
        ("c.png", (1400, 1200), "RGB", None, "is 1400x1200 pixels; crop it to a square"),
        ("c.png", (1000, 1000), "RGB", None, "is 1000x1000 pixels; it must be at least 1400x1400"),
        ("c.jpg", (3200, 3200), "RGB", None, "is 3200x3200 pixels; scale it down to 3000x3000"),
        ("c.jpg", (1400, 1400), "CMYK", None, "is CMYK; save it in RGB colour"),
        (
            "c.png",
            (1400, 1400),
            "RGBA",
            None,
            "has an alpha channel (transparency); save it without one",
        ),
        ("c.png", (1400, 1400), "L", None, "is not RGB (it is L); save it in RGB colour"),
        ("c.png", (1400, 1400), "RGB", "GIF", "is a GIF image; save it as JPEG or PNG"),
        ("c.png", (1400, 1400), "RGB", "JPEG", "holds a JPEG image; name it c.jpg"),
        ("c.jpeg", (1400, 1400), "RGB", None, "holds a JPEG image; name it c.jpg"),
    ],
)
def test_cover_art_directories_refuse(
    tmp_path: Path, name: str, size: tuple[int, int], mode: str, fmt: str | None, message: str
) -> None:
    """Each rule Apple Podcasts states for show art, as one line saying what to change."""
    image = make_image(tmp_path / name, size, mode, fmt)
    path = write_config(tmp_path, {**GOOD, "image": name})
    with pytest.raises(InputError) as info:
        load_show(path)
    assert str(info.value) == f"{path}: image: {image} {message}"
    assert info.value.exit_code == 2


@pytest.mark.parametrize("name", ["c.jpg", "c.png"])
def test_damaged_cover_art(tmp_path: Path, name: str) -> None:
    image = tmp_path / name
    if name == "c.jpg":  # cut short
        image.write_bytes(cover.generate("A title with some texture")[:60_000])
    else:  # a byte of the picture data changed: its checksum no longer matches
        data = bytearray(make_image(image, (1500, 1500)).read_bytes())
        data[60] ^= 0xFF
        image.write_bytes(bytes(data))
    path = write_config(tmp_path, {**GOOD, "image": name})
    fmt = "JPEG" if name == "c.jpg" else "PNG"
    with pytest.raises(InputError) as info:
        load_show(path)
    assert str(info.value) == f"{path}: image: {image} is a damaged {fmt} file; export it again"


@pytest.mark.parametrize(("name", "side"), [("c.jpg", 1400), ("c.png", 3000), ("c.jpg", 2048)])
def test_cover_art_directories_accept(tmp_path: Path, name: str, side: int) -> None:
    make_image(tmp_path / name, (side, side))
    assert load_show(write_config(tmp_path, {**GOOD, "image": name})).cover_name == name


def test_generated_cover_meets_the_rules(tmp_path: Path) -> None:
    """A drawn cover is a 3000 px RGB JPEG with the title on it, the same for the same title
    and different for another; titles in any script, or too long, still give a cover."""
    from PIL import Image

    first = cover.generate("Core & Cardio")
    assert cover.generate("Core & Cardio") == first
    assert cover.generate("Core & Cardio 2") != first
    for title, data in [
        ("Core & Cardio", first),
        ("Übungen für Rücken — Ёлка 💪 中文", cover.generate("Übungen für Rücken — Ёлка 💪 中文")),
        ("x" * 300, cover.generate("x" * 300)),
    ]:
        (tmp_path / "c.jpg").write_bytes(data)
        assert cover.problem(tmp_path / "c.jpg") is None, title
        assert len(data) < 512_000  # the most directories advise
    with Image.open(io.BytesIO(first)) as img:
        assert (img.format, img.mode, img.size) == ("JPEG", "RGB", (3000, 3000))
        # The title's white type is there: the lightest pixels are near white.
        assert img.convert("L").getextrema()[1] > 240


@pytest.mark.parametrize(("side", "fmt"), [(3000, "PNG"), (1400, "PNG"), (2000, "JPEG")])
def test_embedded_cover_is_a_jpeg_of_1400(tmp_path: Path, side: int, fmt: str) -> None:
    from PIL import Image

    data = make_image(tmp_path / "c", (side, side), fmt=fmt).read_bytes()
    small = cover.for_embedding(data)
    with Image.open(io.BytesIO(small)) as img:
        assert (img.format, img.mode, img.size) == ("JPEG", "RGB", (1400, 1400))
    jpeg = make_image(tmp_path / "d", (1400, 1400), fmt="JPEG").read_bytes()
    assert cover.for_embedding(jpeg) == jpeg  # small enough already: kept as it is


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_show(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: no such file"
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.yaml: line \d+, column \d+: "):
        load_show(bad)


# --- feed -----------------------------------------------------------------------------


def test_feed_read_by_feedparser(tmp_path: Path) -> None:
    show = show_of(tmp_path)
    episodes = [episode(1), episode(2, season=2), episode(3, chapters_path=None)]
    parsed = feedparser.parse(render_feed(show, episodes))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "RepCast Weekly"
    assert parsed.feed.link == "https://example.com/pod/"
    assert parsed.feed.podcast_guid == show.guid
    assert [e.id for e in parsed.entries] == ["repcast-ep-3", "repcast-ep-2", "repcast-ep-1"]
    for entry in parsed.entries:
        n = int(entry.itunes_episode)
        ep = episode(n)
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"https://example.com/pod/episodes/{n:03d}.mp3"
        assert (enclosure.length, enclosure.type) == (str(ep.audio_bytes), "audio/mpeg")
        assert entry.itunes_duration == str(ep.duration_seconds)
        assert parsedate_to_datetime(entry.published) == ep.pub_date
        assert entry.guidislink is False
        assert entry.itunes_episodetype == "full"
        assert entry.podcast_transcript == {
            "url": f"https://example.com/pod/episodes/{n:03d}.vtt",
            "type": "text/vtt",
            "language": "en",
            "rel": "captions",
        }
        if n == 3:
            assert "podcast_chapters" not in entry
        else:
            assert entry.podcast_chapters["url"] == f"https://example.com/pod/{ep.chapters_path}"
            assert entry.podcast_chapters["type"] == "application/json+chapters"
    assert parsed.entries[1].itunes_season == "2"
    assert "itunes_season" not in parsed.entries[0]


def test_feed_read_by_podcastparser(tmp_path: Path) -> None:
    make_image(tmp_path / "cover.png")
    show = show_of(tmp_path, image="cover.png", category="Health & Fitness/Fitness")
    episodes = [episode(1), episode(2, season=2)]
    url = show.feed_url
    parsed = podcastparser.parse(url, io.BytesIO(render_feed(show, episodes)))
    assert parsed["title"] == "RepCast Weekly"
    assert parsed["cover_url"] == "https://example.com/pod/cover.png"
    assert parsed["itunes_owner"] == {"name": "Jo Trainer", "email": "jo@example.com"}
    assert parsed["itunes_categories"] == [["Health & Fitness", "Fitness"]]
    assert (parsed["explicit"], parsed["type"], parsed["language"]) == (False, "episodic", "en")
    got = parsed["episodes"]
    assert [e["guid"] for e in got] == ["repcast-ep-2", "repcast-ep-1"]
    for entry, ep in zip(got, reversed(episodes), strict=True):
        assert entry["enclosures"] == [
            {"url": show.url(ep.audio_path), "file_size": ep.audio_bytes, "mime_type": "audio/mpeg"}
        ]
        assert entry["total_time"] == ep.duration_seconds
        assert entry["published"] == int(ep.pub_date.timestamp())
        assert (entry["number"], entry["type"]) == (ep.number, "full")
    assert got[0]["season"] == 2
    assert "season" not in got[1]
    # podcastparser 0.6.11 maps podcast:chapters/transcript only under the old GitHub
    # namespace URI, not the current https://podcastindex.org/namespace/1.0, so it
    # reports neither here; those tags are checked with lxml below.


def test_podcast_namespace_tags(tmp_path: Path) -> None:
    show = show_of(tmp_path)
    root = etree.fromstring(render_feed(show, [episode(1)]))
    ns = {"podcast": PODCAST_NS, "itunes": ITUNES_NS}
    expected = uuid.uuid5(
        uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "example.com/pod/feed.xml"
    )
    assert root.xpath("/rss/channel/podcast:guid/text()", namespaces=ns) == [str(expected)]
    (chapters,) = root.xpath("//item/podcast:chapters", namespaces=ns)
    assert dict(chapters.attrib) == {
        "url": "https://example.com/pod/episodes/001.chapters.json",
        "type": "application/json+chapters",
    }
    (transcript,) = root.xpath("//item/podcast:transcript", namespaces=ns)
    assert dict(transcript.attrib) == {
        "url": "https://example.com/pod/episodes/001.vtt",
        "type": "text/vtt",
        "language": "en",
        "rel": "captions",
    }
    (self_link,) = root.xpath(
        "/rss/channel/atom:link[@rel='self']", namespaces={"atom": "http://www.w3.org/2005/Atom"}
    )
    assert self_link.get("href") == "https://example.com/pod/feed.xml"


def test_the_voice_is_declared_synthetic_and_the_host_named(tmp_path: Path) -> None:
    """podcast:txt purpose="ai-content" on the show and every episode; podcast:person for
    the host the config names (and none when it names none)."""
    host = {
        "name": "Jo Trainer",
        "link": "https://jo.example.com",
        "image": "https://jo.example.com/jo.jpg",
    }
    show = show_of(tmp_path, host=host, language="de")
    root = etree.fromstring(render_feed(show, [episode(1, language="de"), episode(2)]))
    txt = root.xpath("//podcast:txt", namespaces=NS)
    assert [(t.getparent().tag, t.get("purpose"), t.text) for t in txt] == [
        ("channel", "ai-content", "true"),
        ("item", "ai-content", "true"),
        ("item", "ai-content", "true"),
    ]
    (person,) = root.xpath("/rss/channel/podcast:person", namespaces=NS)
    assert (person.text, dict(person.attrib)) == (
        "Jo Trainer",
        {"role": "host", "href": "https://jo.example.com", "img": "https://jo.example.com/jo.jpg"},
    )
    # The captions' language is the coach's, which need not be the show's.
    languages = root.xpath("//item/podcast:transcript/@language", namespaces=NS)
    assert languages == ["en", "de"]
    plain = etree.fromstring(render_feed(show_of(tmp_path), [episode(1)]))
    assert plain.xpath("//podcast:person", namespaces=NS) == []
    with pytest.raises(InputError, match=r"host\.name"):
        show_of(tmp_path, host={"link": "https://jo.example.com"})


def test_chapters_listed_in_the_description(tmp_path: Path) -> None:
    """Apps that read only the description find the chapters there: times from 00:00, one
    a line, when an episode has at least three; MM:SS, or HH:MM:SS on every line when a
    chapter starts past the hour (Spotify reads these forms, not H:MM:SS)."""
    marks = ((0.0, "Introduction"), (6.27, "Squats & lunges"), (62.2, "Rows"), (3725.0, "End"))
    show = show_of(tmp_path)
    episodes = [
        episode(1, chapters=marks),
        episode(2, chapters=marks[:3]),
        episode(3, chapters=marks[:2]),
    ]
    three, two, one = (e.description for e in feedparser.parse(render_feed(show, episodes)).entries)
    assert one.splitlines() == [
        "Day 1 of the plan",
        "",
        "00:00:00 Introduction",
        "00:00:06 Squats & lunges",
        "00:01:02 Rows",
        "01:02:05 End",
    ]
    assert two.splitlines()[2:] == ["00:00 Introduction", "00:06 Squats & lunges", "01:02 Rows"]
    assert three == "Day 3 of the plan"


def test_directory_tags(tmp_path: Path) -> None:
    """What Apple Podcasts, Spotify and Podcast Index look for, as they would read it."""
    show = show_of(tmp_path)
    root = etree.fromstring(
        render_feed(
            show,
            [
                episode(1, page_path="episodes/001.html"),
                episode(2, page_path="episodes/002.html", image_path="episodes/002.png"),
            ],
        )
    )
    channel = root.find("channel")
    art = f"https://example.com/pod/{show.cover_name}"
    assert channel.xpath("itunes:image/@href", namespaces=NS) == [art]
    assert channel.findtext("image/url") == art
    assert channel.findtext("image/title") == "RepCast Weekly"
    assert channel.findtext("image/link") == "https://example.com/pod/"
    assert channel.xpath("itunes:explicit/text()", namespaces=NS) == ["false"]
    (locked,) = channel.xpath("podcast:locked", namespaces=NS)
    assert (locked.text, locked.get("owner")) == ("yes", "jo@example.com")
    assert channel.xpath("itunes:owner/itunes:email/text()", namespaces=NS) == ["jo@example.com"]
    new, old = channel.findall("item")
    assert new.findtext("link") == "https://example.com/pod/episodes/002.html"
    assert old.findtext("link") == "https://example.com/pod/episodes/001.html"
    assert new.xpath("itunes:image/@href", namespaces=NS) == [
        "https://example.com/pod/episodes/002.png"
    ]
    assert old.xpath("itunes:image", namespaces=NS) == []  # the show's art applies

    other = show_of(tmp_path, explicit=True, locked=False)
    channel = etree.fromstring(render_feed(other, [])).find("channel")
    assert channel.xpath("itunes:explicit/text()", namespaces=NS) == ["true"]
    (locked,) = channel.xpath("podcast:locked", namespaces=NS)
    assert (locked.text, locked.get("owner")) == ("no", "jo@example.com")

    # The same, as the two podcast clients read it.
    data = render_feed(show, [episode(1, page_path="episodes/001.html")])
    fp = feedparser.parse(data)
    assert not fp.bozo and fp.feed.image.href == art
    # feedparser knows only yes/clean for itunes:explicit; podcastparser reads true/false.
    assert fp.entries[0].link == "https://example.com/pod/episodes/001.html"
    pp = podcastparser.parse(show.feed_url, io.BytesIO(data))
    assert (pp["cover_url"], pp["explicit"]) == (art, False)
    assert pp["episodes"][0]["link"] == "https://example.com/pod/episodes/001.html"
    assert podcastparser.parse(other.feed_url, io.BytesIO(render_feed(other, [])))["explicit"]


def test_feed_guid_matches_the_spec_example() -> None:
    # The example given by the podcast:guid spec, and the scheme/slash stripping.
    assert feed_guid("https://mp3s.nashownotes.com/pc20rss.xml") == (
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    assert feed_guid("http://mp3s.nashownotes.com/pc20rss.xml//") == feed_guid(
        "https://mp3s.nashownotes.com/pc20rss.xml"
    )


def test_deterministic(tmp_path: Path) -> None:
    show = show_of(tmp_path, start_date="2026-01-05")
    episodes = [episode(1), episode(2), episode(3)]
    first = render_feed(show, episodes)
    assert render_feed(show, list(reversed(episodes))) == first
    assert b"<lastBuildDate>Mon, 19 Jan 2026 06:00:00 +0000</lastBuildDate>" in first
    empty = render_feed(show, [])
    assert empty == render_feed(show, [])
    assert b"<lastBuildDate>Mon, 05 Jan 2026 00:00:00 +0000</lastBuildDate>" in empty


def test_same_day_sorted_by_number(tmp_path: Path) -> None:
    day = datetime(2026, 3, 1, tzinfo=timezone.utc)
    episodes = [episode(n, pub_date=day) for n in (1, 3, 2)]
    root = etree.fromstring(render_feed(show_of(tmp_path), episodes))
    assert root.xpath("//item/guid/text()") == ["repcast-ep-3", "repcast-ep-2", "repcast-ep-1"]


def test_escaping_round_trip(tmp_path: Path) -> None:
    # Clients read <description> as HTML, so tag-like text there (<fast>) would be
    # dropped by them as a tag; descriptions are tested with free-standing < and >.
    text = 'Push & pull "now" it\'s 💪 — 2 < 3 > 1'
    show = show_of(tmp_path, title=TRICKY, description=text, author=TRICKY)
    ep = episode(1, title=TRICKY, description=text, audio_path="episodes/day 1 & 2.mp3")
    data = render_feed(show, [ep])
    fp = feedparser.parse(data)
    assert not fp.bozo
    assert (fp.feed.title, fp.entries[0].title) == (TRICKY, TRICKY)
    assert (fp.feed.description, fp.entries[0].summary) == (text, text)
    href = fp.entries[0].enclosures[0].href
    assert href == "https://example.com/pod/episodes/day%201%20%26%202.mp3"
    pp = podcastparser.parse(show.feed_url, io.BytesIO(data))
    assert (pp["title"], pp["itunes_author"], pp["episodes"][0]["title"]) == (TRICKY,) * 3
    assert (pp["description"], pp["episodes"][0]["description"]) == (text, text)
    root = etree.fromstring(data)
    assert root.findtext("channel/item/title") == TRICKY
    assert root.findtext("channel/item/description") == text


def test_naive_pub_date_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        episode(1, pub_date=datetime(2026, 1, 5))
