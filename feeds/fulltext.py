"""Full text on demand: when a feed carries only a teaser, fetch the page and extract it.

Per-feed policy (`Feed.policy`): `never`, `short` (the feed's text is under
`SHORT_WORDS` words), `always`. The result is cached in the store
(`articles.full_text`); on any failure the teaser is kept, and nothing is raised
unless the caller asks for the reason (`ensure_full_text(..., raise_on_failure=True)`,
as the reader does when the user presses f).
"""

from __future__ import annotations

import asyncio

import httpx

from .errors import FeedError
from .http import PAGE_ACCEPT, FetchLimits, fetcher
from .models import Article, Feed
from .store import Store, StoreError

SHORT_WORDS = 150  # below this many words a feed's text is taken for a teaser
# Fewer words than this from a page is not an article (a paywall, a JavaScript shell, a
# menu): the teaser is kept.
MIN_PAGE_WORDS = 20
PAGE_LIMITS = FetchLimits(total_timeout=30.0, max_bytes=5 * 1024 * 1024)


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
    from .extract import extract_article

    try:
        extracted = await asyncio.to_thread(extract_article, result.content, result.url)
    except Exception as exc:  # an extractor bug on one page must not break reading
        raise FeedError(f"cannot extract the article: {type(exc).__name__}") from None
    if not extracted.text:
        raise FeedError("the page has no article text")
    return extracted.text
