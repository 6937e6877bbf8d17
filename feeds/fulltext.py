"""Full text on demand: when a feed carries only a teaser, fetch the page and extract it.

Per-feed policy (`Feed.policy`): `never`, `short` (the feed's text is under
`SHORT_WORDS` words), `always`. The result is cached in the store
(`articles.full_text`); on any failure the teaser is kept, and nothing is raised
unless the caller asks for the reason (`ensure_full_text(..., raise_on_failure=True)`,
as the reader does when the user presses f). Pages are extracted in worker processes,
each page within a wall-time and a memory limit (`FetchLimits.parse_timeout`,
`.parse_memory`; `feeds.workers`).
"""

from __future__ import annotations

import asyncio
import weakref
from typing import TYPE_CHECKING

import httpx

from .errors import FeedError
from .http import PAGE_ACCEPT, FetchLimits, fetcher
from .models import Article, Feed
from .store import Store, StoreError
from .workers import LimitedPool, TaskLimits

if TYPE_CHECKING:
    from .extract import Extracted

SHORT_WORDS = 150  # below this many words a feed's text is taken for a teaser
# Fewer words than this from a page is not an article (a paywall, a JavaScript shell, a
# menu): the teaser is kept.
MIN_PAGE_WORDS = 20
# Pages: 5 MiB, 30 s to fetch; extracting one has the parse limits (20 s, 256 MB).
PAGE_LIMITS = FetchLimits(total_timeout=30.0, max_bytes=5 * 1024 * 1024)
EXTRACT_WORKERS = 2


def is_web_url(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def needs_full_text(article: Article, feed: Feed | None) -> bool:
    """Whether the feed's policy asks for the page of this article (and we lack it)."""
    if article.full_text or not is_web_url(article.url):
        return False
    policy = feed.policy if feed is not None else "short"
    if policy == "never":
        return False
    if policy == "always":
        return True
    return len(article.text.split()) < SHORT_WORDS


async def ensure_full_text(
    store: Store,
    article: Article,
    client: httpx.AsyncClient | None = None,
    *,
    force: bool = False,
    raise_on_failure: bool = False,
) -> Article:
    """The article with its full text (fetched, extracted and stored if needed).

    `force` fetches whatever the policy says (the user asked). On failure the
    article comes back unchanged, or, with `raise_on_failure`, `FeedError` says why
    in one line ("cannot connect: …", "HTTP 404", "the page has no article text").
    """
    if not is_web_url(article.url):
        return article
    if not force and not needs_full_text(article, store.get_feed(article.feed_id)):
        return article
    try:
        text = await page_text(article.url or "", client)
    except FeedError:
        if raise_on_failure:
            raise
        return article
    words = len(text.split())
    if words < MIN_PAGE_WORDS or words <= len(article.text.split()) // 2:
        if raise_on_failure:  # a paywall, a JavaScript shell, a menu: nothing better
            raise FeedError("the page has no more article text than the feed")
        return article
    try:
        store.set_full_text(article.id, text)
    except StoreError as exc:
        if raise_on_failure:
            raise FeedError(f"cannot save it: {exc}") from None
        return article
    return store.get_article(article.id) or article


async def fetch_full_text(
    url: str, client: httpx.AsyncClient | None = None, limits: FetchLimits | None = None
) -> str | None:
    """Fetch one page and extract its article text; None on any failure."""
    try:
        return await page_text(url, client, limits)
    except FeedError:
        return None


async def page_text(
    url: str, client: httpx.AsyncClient | None = None, limits: FetchLimits | None = None
) -> str:
    """Fetch one page and extract its article text; `FeedError` (one line) on failure."""
    async with fetcher(client, limits or PAGE_LIMITS) as f:
        result = await f.fetch(url, accept=PAGE_ACCEPT)
    if not result.content:
        raise FeedError("the page is empty")
    lim = limits or PAGE_LIMITS
    pool = _extract_pool(TaskLimits(lim.parse_timeout, lim.parse_memory))
    try:
        extracted = await pool.run(_extract, result.url, data=result.content)
    except FeedError:
        raise  # over a limit: the worker says which, in one line
    except Exception as exc:  # an extractor bug on one page must not break reading
        raise FeedError(f"cannot extract the article: {type(exc).__name__}") from None
    if not extracted.text:
        raise FeedError("the page has no article text")
    return extracted.text


# One pool per event loop (a pool's waits belong to one loop), shut down with the loop.
_POOLS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, LimitedPool] = (
    weakref.WeakKeyDictionary()
)


def _extract_pool(limits: TaskLimits) -> LimitedPool:
    """Where pages are extracted: worker processes with a wall-time and memory limit each
    (a 5 MiB page can take seconds and hundreds of MB in trafilatura), from a fork server
    since the reader that calls this runs threads."""
    loop = asyncio.get_running_loop()
    pool = _POOLS.get(loop)
    if pool is None or pool.limits != limits:
        if pool is not None:
            pool.shutdown()
        pool = _POOLS[loop] = LimitedPool(
            EXTRACT_WORKERS, limits, init=_warm_up, method="forkserver"
        )
        weakref.finalize(loop, pool.shutdown)
    return pool


def _warm_up() -> None:
    import trafilatura  # noqa: F401

    from . import extract  # noqa: F401


def _extract(html: bytes, url: str) -> Extracted:
    from .extract import extract_article

    return extract_article(html, url)
