"""Apple Podcasts' categories and their subcategories, as a feed must spell them: a show in
a category Apple does not list is refused by its directory, or filed nowhere."""

from __future__ import annotations

import difflib
from types import MappingProxyType

APPLE = MappingProxyType(
    {
        "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
        "Business": (
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ),
        "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
        "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
        "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
        "Government": (),
        "Health & Fitness": (
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ),
        "History": (),
        "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
        "Leisure": (
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ),
        "Music": ("Music Commentary", "Music History", "Music Interviews"),
        "News": (
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ),
        "Religion & Spirituality": (
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Religion",
            "Spirituality",
        ),
        "Science": (
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ),
        "Society & Culture": (
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ),
        "Sports": (
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ),
        "Technology": (),
        "True Crime": (),
        "TV & Film": (
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ),
    }
)


def problem(name: str, sub: str | None) -> str | None:
    """Why ``name`` (and ``sub``) is not one of Apple's categories; None when it is."""
    if name not in APPLE:
        return f"{name!r} is not an Apple Podcasts category{_near(name, list(APPLE))}"
    if sub is not None and sub not in APPLE[name]:
        subs = APPLE[name]
        if not subs:
            return f"{name!r} has no subcategories; give it alone"
        return f"{sub!r} is not a subcategory of {name!r}{_near(sub, list(subs))}"
    return None


def _near(word: str, names: list[str]) -> str:
    near = difflib.get_close_matches(word, names, n=1)
    return f" (did you mean {near[0]!r}?)" if near else f" (one of: {', '.join(names)})"
