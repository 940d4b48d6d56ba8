"""Cover art: a given image checked against what podcast directories accept, a cover drawn
for a show that has none, and the smaller copy that goes into every episode's tags.

Apple Podcasts (and Spotify, and most apps after them) take square JPEG or PNG art of 1400
to 3000 pixels in RGB, with no alpha channel.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from ..routine.plan import IntervalKind
from .chart import COLOURS

SIZE = 3000  # what Apple prefers, and the most it accepts
MAX_PIXELS = 50_000_000  # 5.5 times SIZE squared, for art of any kind; a bomb is far larger
MIN_SIZE = 1400
# Embedded art is copied into every episode: 1400 px is the smallest show art directories
# accept (so art taken from a file still passes), and sharp on a phone's full-screen player.
EMBED_SIZE = 1400
EMBED_QUALITY = 85
# Part of the generated cover's file name: change it when the drawing changes, so every
# show gets its cover drawn anew and apps, which cache art by URL, fetch the new one.
DESIGN = "1"
# Feed readers (and feedgen) go by the URL's ending, in lower case.
FORMATS = {"JPEG": ".jpg", "PNG": ".png"}

BACKGROUND = "#111a2e"
TITLE_COLOUR = "#f8f9fa"
MARGIN = 240
BARS_TOP, BARS_BOTTOM = 330, 930
TITLE_TOP, TITLE_BOTTOM = 1180, 2360  # the bottom fifth stays clear: apps overlay it
TITLE_SIZES = range(440, 159, -20)  # font sizes in pixels, largest first
MAX_LINES = 4


def damage(path: Path) -> str | None:
    """Why the image at ``path`` cannot be used at all, as cover art of any kind: not a
    JPEG or PNG, more than MAX_PIXELS (a decompression bomb), or damaged. It is decoded in
    full, so a truncated file is caught here, not mid-build. None when it is sound."""
    return _decode(path)[0]


def problem(path: Path) -> str | None:
    """Why the image at ``path`` would be refused as podcast art, in words that say what
    to change; None when it is fine."""
    why, img = _decode(path)
    if why or img is None:
        return why
    fmt, mode, (width, height) = str(img.format), img.mode, img.size
    transparent = "transparency" in img.info
    if path.suffix != FORMATS[fmt]:
        return f"{path} holds a {fmt} image; name it {path.stem}{FORMATS[fmt]}"
    if width != height:
        return f"{path} is {width}x{height} pixels; crop it to a square"
    if width < MIN_SIZE:
        return f"{path} is {width}x{height} pixels; it must be at least {MIN_SIZE}x{MIN_SIZE}"
    if width > SIZE:
        return f"{path} is {width}x{height} pixels; scale it down to {SIZE}x{SIZE}"
    if mode == "CMYK":
        return f"{path} is CMYK; save it in RGB colour"
    if mode in ("RGBA", "LA", "PA") or transparent:
        return f"{path} has an alpha channel (transparency); save it without one"
    if mode != "RGB":
        return f"{path} is not RGB (it is {mode}); save it in RGB colour"
    return None


def _decode(path: Path) -> tuple[str | None, Image.Image | None]:
    """The image at ``path`` decoded in full (closed, its header still readable), or why
    it cannot be."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns of a bomb up to twice its own limit: ours is lower, and
            # checked before anything is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(path)
    except FileNotFoundError:
        return f"no such file: {path}", None
    except IsADirectoryError:
        return f"{path} is a folder, not an image", None
    except Image.DecompressionBombError:
        return f"{path} has more than {MAX_PIXELS} pixels; scale it down", None
    except (UnidentifiedImageError, OSError):
        return f"{path} is not a JPEG or PNG image", None
    with img:
        width, height = img.size
        if width * height > MAX_PIXELS:
            return f"{path} is {width}x{height} pixels; scale it down", None
        if img.format not in FORMATS:
            return f"{path} is a {img.format} image; save it as JPEG or PNG", None
        try:
            if img.format == "PNG":
                img.verify()  # the checksums, which decoding does not look at
                img = Image.open(path)
            img.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return f"{path} is a damaged {img.format} file; export it again", None
    return None, img


def suffix(data: bytes) -> str:
    """The file ending for the bytes of a checked image."""
    from ..sound.tags import image_type  # mutagen: loaded only by the commands that tag

    return FORMATS["PNG"] if image_type(data) == "image/png" else FORMATS["JPEG"]


def generated_name(title: str) -> str:
    """The file name of the cover drawn for ``title``: it changes when the picture would."""
    key = hashlib.sha256(f"{DESIGN}\0{title}".encode()).hexdigest()[:12]
    return f"cover-{key}.jpg"


def generate(title: str) -> bytes:
    """A 3000 x 3000 RGB JPEG: the title in large type under a row of interval bars drawn
    in the plan chart's colours, their pattern seeded by the title. The same title always
    gives the same picture."""
    img = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(img)
    _bars(draw, hashlib.sha256(title.encode()).digest())
    size, lines = _layout(draw, title)
    font = _font(size)
    line_height = round(size * 1.04)
    y = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - line_height * len(lines)) // 2
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=TITLE_COLOUR)
        y += line_height
    # An accent rule under the title, in the colour of work.
    draw.rectangle((MARGIN, y + 70, MARGIN + 360, y + 110), fill=COLOURS["work"])
    out = io.BytesIO()
    # 4:4:4 chroma keeps the coloured edges on the dark ground clean.
    img.save(out, "JPEG", quality=90, subsampling=0, optimize=True)
    return out.getvalue()


def for_embedding(data: bytes) -> bytes:
    """The art as it goes into each episode's ID3 tag: a JPEG at most EMBED_SIZE across."""
    with Image.open(io.BytesIO(data)) as img:
        if img.format == "JPEG" and img.width <= EMBED_SIZE:
            return data
        small = img.convert("RGB")
    small.thumbnail((EMBED_SIZE, EMBED_SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=EMBED_QUALITY, optimize=True)
    return out.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Source Sans Pro Black (SIL OFL 1.1), from its own package: the same face on every
    # machine, so a cover does not depend on the system's fonts. It covers Latin, Greek
    # and Cyrillic.
    face = resources.files("font_source_sans_pro") / "files" / "SourceSansPro-Black.ttf"
    with resources.as_file(face) as path:
        return ImageFont.truetype(str(path), size)


def _drawable(font: ImageFont.FreeTypeFont, text: str) -> str:
    """``text`` without the characters the font has no glyph for (emoji, CJK): they would
    print as empty boxes."""
    missing = font.getmask("\uffff")
    blank = (missing.size, bytes(missing))

    def known(ch: str) -> bool:
        mask = font.getmask(ch)
        return ch.isspace() or (mask.size, bytes(mask)) != blank

    return " ".join("".join(c for c in text if known(c)).split())


def _layout(draw: ImageDraw.ImageDraw, title: str) -> tuple[int, list[str]]:
    """The largest font size at which the title fits in MAX_LINES lines without breaking a
    word, and those lines; failing that, the smallest size with long words broken."""
    width = SIZE - 2 * MARGIN
    words = _drawable(_font(TITLE_SIZES[0]), title).split()
    for size in TITLE_SIZES:
        font = _font(size)
        if any(draw.textlength(w, font=font) > width for w in words):
            continue
        lines = _wrap(draw, font, words, width)
        if len(lines) <= MAX_LINES and len(lines) * size * 1.04 <= TITLE_BOTTOM - TITLE_TOP:
            return size, lines
    pieces = [p for w in words for p in _pieces(draw, font, w, width)]
    return size, _wrap(draw, font, pieces, width)[:MAX_LINES]


def _wrap(
    draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, words: list[str], width: int
) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _pieces(
    draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, word: str, width: int
) -> list[str]:
    """A word too wide for a line, cut into pieces that fit."""
    pieces = [""]
    for ch in word:
        if pieces[-1] and draw.textlength(pieces[-1] + ch, font=font) > width:
            pieces.append("")
        pieces[-1] += ch
    return pieces


def _bars(draw: ImageDraw.ImageDraw, seed: bytes) -> None:
    """A workout plan in miniature: work bars, lower rest bars and the odd hold, bottom
    aligned, widths and heights from ``seed``, spanning the width between the margins."""
    hold = 2 * (seed[14] % 7)  # one of the seven work bars is a hold
    kinds: list[tuple[IntervalKind, int, float]] = []
    for i, byte in enumerate(seed[:14]):
        if i % 2 == 0:
            kind: IntervalKind = "hold" if i == hold else "work"
            kinds.append((kind, 150 + byte % 120, 0.55 + (byte % 45) / 100))
        else:
            kinds.append(("rest", 70 + byte % 60, 0.18 + (byte % 15) / 100))
    gap = 28
    total = sum(w for _, w, _ in kinds)
    scale = (SIZE - 2 * MARGIN - gap * (len(kinds) - 1)) / total
    x = float(MARGIN)
    span = BARS_BOTTOM - BARS_TOP
    for kind, w, h in kinds:
        right = x + w * scale
        top = BARS_BOTTOM - span * min(h, 1.0)
        draw.rounded_rectangle((round(x), round(top), round(right), BARS_BOTTOM), 26, COLOURS[kind])
        x = right + gap
