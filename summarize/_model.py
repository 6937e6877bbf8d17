"""The digest's data model: what `summarize_article` returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ._markdown import ArticleInfo

StatementKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: str  # the short point shown to the reader, in the article's own words
    sentence: str  # the full source sentence (or heading) it came from
    paragraph: int  # index of the source paragraph in the body
    score: float


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    kind: StatementKind
    cue: str | None
    paragraph: int
    source: str | None = None  # the article it was said in (stories merge several)


@dataclass(slots=True)
class Speaker:
    name: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


@dataclass(slots=True)
class Summary:
    title: str | None
    key_points: list[KeyPoint]
    speakers: list[Speaker]

    def to_markdown(self, info: ArticleInfo | None = None, *, heading_level: int = 1) -> str:
        """The digest as Markdown: title (linked to ``info.url``), source · author · date,
        key points, who said what: the shape every export uses."""
        from ._markdown import summary_to_markdown

        return summary_to_markdown(self, info, heading_level=heading_level)

    # JSON-able form, for caching digests in the store.
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        return cls(
            title=data.get("title"),
            key_points=[KeyPoint(**kp) for kp in data.get("key_points", [])],
            speakers=[
                Speaker(
                    name=sp["name"],
                    role=sp.get("role"),
                    aliases=list(sp.get("aliases", [])),
                    statements=[Statement(**st) for st in sp.get("statements", [])],
                )
                for sp in data.get("speakers", [])
            ],
        )


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One article of a story, as `group_stories` and `summarize_story` take it."""

    id: str
    title: str | None
    text: str
    published: datetime | None = None
    source: str | None = None  # the outlet (feed title or host), for display


@dataclass(frozen=True, slots=True)
class StoryPoint:
    text: str  # the point as shown, in one article's own words
    sources: list[str]  # ids of the articles it is drawn from or confirmed by
    sentence: str  # the full source sentence
    score: float


@dataclass(slots=True)
class StorySummary:
    title: str | None
    key_points: list[StoryPoint]
    speakers: list[Speaker]  # merged across articles; each Statement knows its `source`
    sources: list[str] = field(default_factory=list)  # member ids in citation order: [1] is
    # sources[0]

    def to_markdown(
        self,
        *,
        heading_level: int = 1,
        sources: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> str:
        """Markdown; `sources` maps a member id to (label, url) for the sources list."""
        from ._markdown import story_to_markdown

        return story_to_markdown(self, heading_level=heading_level, sources=sources)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StorySummary:
        base = Summary.from_dict({"speakers": data.get("speakers", [])})
        return cls(
            title=data.get("title"),
            key_points=[
                StoryPoint(p["text"], list(p["sources"]), p["sentence"], p["score"])
                for p in data.get("key_points", [])
            ],
            speakers=base.speakers,
            sources=list(data.get("sources", [])),
        )
