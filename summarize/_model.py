"""The digest's data model: what `summarize_article` returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
