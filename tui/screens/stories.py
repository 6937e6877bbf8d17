"""The Stories view (`v`, or Stories in the `t` picker): one row per story (one event
across feeds), and a story's page.

A row: the best headline, how many sources, the newest time and a sparkline of the
coverage over time; unread while any member is. The page: the story digest, each point
citing its sources ([1], [2] …), the member articles listed below it (a digit opens
one), and who said what across them in the side pane. `m` marks the whole story read.
Digests are made off the UI thread and cached in the store like article digests;
articles not grouped yet are grouped off it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..plural import plural
from ..text import age, line
from ..widgets.key_hints import KeyHints
from ..widgets.who_said import append_speakers

if TYPE_CHECKING:
    from feeds.stories import StoryRow
    from summarize import StoryItem, StorySummary

    from ..app import NewsdeskApp

RECENT = 7 * 86400.0  # stories with a member this recent are listed (else all)
_BARS = "▁▂▃▄▅▆▇█"


def sparkline(times: list[float], start: float, end: float, width: int = 8) -> str:
    """How many members appeared in each of `width` slices of [start, end]."""
    if not times:
        return ""
    counts = [0] * width
    span = max(end - start, 1.0)
    for t in times:
        k = min(width - 1, max(0, int((t - start) / span * width)))
        counts[k] += 1
    top = max(counts)
    return "".join(_BARS[(c * (len(_BARS) - 1)) // top] if c else " " for c in counts)


class StoryReady(Message):
    def __init__(self, story_id: int, key: str, summary: StorySummary) -> None:
        super().__init__()
        self.story_id = story_id
        self.key = key
        self.summary = summary


class StoriesGrouped(Message):
    pass


class StoriesScreen(Screen[int | None]):
    """Dismissed with a member article's id to read it, or None."""

    CSS_PATH = Path(__file__).parent / "stories.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Back", id="stories_close"),
        Binding("j", "move(1)", "Down", show=False, id="stories_down"),
        Binding("k", "move(-1)", "Up", show=False, id="stories_up"),
        Binding("m", "mark_read", "Story read", id="stories_read"),
        Binding(
            "1,2,3,4,5,6,7,8,9", "noop", "Read a source", key_display="1-9", id="stories_source"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stories: list[StoryRow] = []
        self.titles: dict[int, str] = {}
        self.shown: int | None = None
        self.items: list[StoryItem] = []
        self.summary: StorySummary | None = None

    @property
    def napp(self) -> NewsdeskApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="stories-panes"):
            yield OptionList(id="story-list")
            with VerticalScroll(id="story-page"):
                yield Static(id="story-body")
            with VerticalScroll(id="story-who"):
                yield Static(id="story-who-body")
        yield KeyHints()

    def on_mount(self) -> None:
        self.load()
        self.query_one(OptionList).focus()
        if str(self.napp.store.path) != ":memory:" and self._ungrouped():
            self.group_pending()

    # -- the list --------------------------------------------------------------

    def _ungrouped(self) -> bool:
        row = self.napp.store.db.execute("SELECT 1 FROM articles WHERE story IS NULL LIMIT 1")
        return row.fetchone() is not None

    def load(self) -> None:
        from feeds.stories import list_stories
        from summarize.stories.digest import best_title

        store = self.napp.store
        now = self.napp.clock()
        stories = list_stories(store, since=now - RECENT) or list_stories(store)
        # coverage first, then recency: sources, then the newest member
        self.stories = stories
        rows = {r.id: r for s in stories for r in store.get_rows(s.member_ids)}
        from summarize import StoryItem

        lst = self.query_one(OptionList)
        keep = lst.highlighted
        lst.clear_options()
        options = []
        for st in stories:
            titles = [StoryItem(str(i), rows[i].title, "") for i in st.member_ids if i in rows]
            self.titles[st.id] = best_title(titles) or st.title or "(untitled)"
            options.append(Option(self._label(st), id=f"story-{st.id}"))
        lst.add_options(options)
        if options:
            lst.highlighted = min(keep or 0, len(options) - 1)
        else:
            self._body(
                Text(
                    "No stories yet: refresh some feeds (R on the main screen).", style="italic dim"
                )
            )

    def _label(self, st: StoryRow) -> Text:
        out = Text(end="")
        out.append("● " if st.unread else "  ", style="bold" if st.unread else "")
        out.append_text(line(self.titles.get(st.id, st.title), "bold" if st.unread else ""))
        out.append(
            f"\n  {plural(st.sources, 'source')} · {age(st.newest, self.napp.clock())}",
            style="dim",
        )
        spark = sparkline(st.times, st.oldest, max(st.newest, st.oldest + 3600))
        if st.articles > 1:
            out.append(f"  {spark}", style="dim")
        return out

    @on(OptionList.OptionHighlighted, "#story-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        assert event.option.id is not None
        self.show_story(int(event.option.id.split("-")[1]))

    def action_move(self, delta: int) -> None:
        lst = self.query_one(OptionList)
        lst.action_cursor_down() if delta > 0 else lst.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_noop(self) -> None:
        pass

    def current(self) -> StoryRow | None:
        return next((s for s in self.stories if s.id == self.shown), None)

    def action_mark_read(self) -> None:
        st = self.current()
        if st is None:
            return
        self.napp.store.set_read(st.member_ids, True)
        self.notify(f"Marked {plural(st.articles, 'article')} read.")
        self.load()

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if len(key) == 1 and key in "123456789" and self.summary is not None:
            n = int(key)
            if n <= len(self.summary.sources):
                getattr(event, "stop", lambda: None)()
                self.dismiss(int(self.summary.sources[n - 1]))

    # -- a story's page ----------------------------------------------------------

    def show_story(self, story_id: int) -> None:
        from feeds.stories import story_hash, story_items
        from summarize import SUMMARIZER_VERSION, StorySummary

        st = next((s for s in self.stories if s.id == story_id), None)
        if st is None:
            return
        self.shown = story_id
        self.items = story_items(self.napp.store, st.member_ids)
        key = story_hash(self.items)
        cached = self.napp.store.get_digest(key, SUMMARIZER_VERSION)
        if cached is not None:
            import json

            self.render_story(StorySummary.from_dict(json.loads(cached)))
            return
        self.summary = None
        self.render_story(None)
        self.summarise(story_id, key, list(self.items))

    @work(thread=True, group="story", exclusive=True, exit_on_error=False)
    def summarise(self, story_id: int, key: str, items: list[StoryItem]) -> None:
        from summarize import summarize_story

        self.post_message(StoryReady(story_id, key, summarize_story(items)))

    @on(StoryReady)
    def _ready(self, event: StoryReady) -> None:
        import json

        from summarize import SUMMARIZER_VERSION

        self.napp.store.put_digest(
            event.key, SUMMARIZER_VERSION, json.dumps(event.summary.to_dict(), default=str)
        )
        if event.story_id == self.shown:
            self.render_story(event.summary)

    def _body(self, text: Text) -> None:
        self.query_one("#story-body", Static).update(text)

    def render_story(self, summary: StorySummary | None) -> None:
        self.summary = summary
        st = self.current()
        if st is None:
            return
        by_id = {i.id: i for i in self.items}
        order = summary.sources if summary else [i.id for i in self.items]
        number = {sid: k + 1 for k, sid in enumerate(order)}
        out = Text(end="")
        out.append_text(line(self.titles.get(st.id, st.title), "bold"))
        out.append(
            f"\n{plural(st.sources, 'source')} · {plural(st.articles, 'article')} · "
            f"latest {age(st.newest, self.napp.clock())}\n\n",
            style="dim",
        )
        if summary is None:
            out.append("Summarising the story…\n", style="italic dim")
        elif summary.key_points:
            out.append("Key points\n", style="bold")
            for p in summary.key_points:
                out.append(" • ")
                out.append_text(line(p.text))
                marks = sorted({number[s] for s in p.sources if s in number})
                out.append(" " + "".join(f"[{n}]" for n in marks), style="bold")
                out.append("\n")
        out.append("\nSources  (1-9: read)\n", style="bold")
        for sid in order:
            item = by_id.get(sid)
            if item is None:
                continue
            out.append(f" [{number[sid]}] ", style="bold")
            out.append_text(line(item.source or "", "italic"))
            out.append(": ")
            out.append_text(line(item.title or "(untitled)"))
            if item.published is not None:
                out.append(f"  {age(item.published.timestamp(), self.napp.clock())}", style="dim")
            out.append("\n")
        self._body(out)
        self._who(summary, number)

    def _who(self, summary: StorySummary | None, number: dict[str, int]) -> None:
        out = Text(end="")
        out.append("Who said what\n", style="bold")
        if summary is None:
            out.append("Summarising…", style="italic dim")
        elif not summary.speakers:
            out.append("No quoted speakers.", style="italic dim")
        else:
            append_speakers(
                out,
                summary.speakers,
                lambda st: f"[{number[st.source]}]" if st.source in number else "",
            )
        self.query_one("#story-who-body", Static).update(out)

    # -- grouping what a refresh left ungrouped --------------------------------------

    @work(thread=True, group="stories-group", exclusive=True, exit_on_error=False)
    def group_pending(self) -> None:
        from feeds.store import Store
        from feeds.stories import assign_stories

        with Store(self.napp.store.path) as store:  # its own connection, on its own thread
            assign_stories(store, window=self.napp.settings.story_window, now=self.napp.clock())
        self.post_message(StoriesGrouped())

    @on(StoriesGrouped)
    def _grouped(self) -> None:
        self.load()
