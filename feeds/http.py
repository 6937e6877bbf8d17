"""HTTP for feeds and article pages: one shared `httpx.AsyncClient`, bounded in every way.

Limits (all in `FetchLimits`, defaults in brackets):

- `connect_timeout` [10 s], `read_timeout` [20 s]: per socket operation;
  `total_timeout` [60 s]: the whole fetch from its first request (time queued for a
  connection slot is not counted), redirects and body included (a server
  trickling one byte a second cannot hold a feed forever);
- `max_bytes` [20 MiB]: the body, counted both as sent and once decompressed
  (gzip/deflate/brotli are decoded here, in bounded steps, so a compression bomb
  stops at the cap instead of filling memory);
- `max_redirects` [5]: only http(s) targets are followed;
- `concurrency` [32] requests at once overall, `per_host` [8] per host name;
- `parse_timeout` [20 s], `parse_memory` [256 MB]: not the fetch's, the parse (and
  write) of what it fetched, in a worker process (`feeds.refresh`, `feeds.workers`).

Requests carry a real User-Agent and, for feeds, If-None-Match / If-Modified-Since:
a 304 comes back as `FetchResult(not_modified=True)`. A 429/503 raises
`HttpStatusError` whose `retry_after` is the unix time the server asked us to wait for.
Every failure is a `FetchError` with a one-line message.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from .errors import (
    FetchError,
    FetchTimeout,
    HttpStatusError,
    TooLargeError,
    TooManyRedirects,
)
from .sanitize import clean_line

USER_AGENT = "newsdesk/0.1 (+terminal newsreader)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
_DECODE_STEP = 256 * 1024  # decompressed bytes produced per step: bombs stop at the cap
BIG_BODY = 1024 * 1024  # see `Fetcher.big_bodies`


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How far one fetch may go. See the module docstring."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    concurrency: int = 32
    per_host: int = 8
    # Not the fetch's own but the same table: each feed's parse and write, in a worker
    # process that is killed past either (feeds.refresh, feeds.workers).
    parse_timeout: float = 20.0
    parse_memory: int = 256 * 1024 * 1024


@dataclass(slots=True)
class FetchResult:
    url: str  # after redirects
    status: int
    content: bytes = b""
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    release: Callable[[], None] | None = None  # set when `Fetcher.big_bodies` was taken


def make_client(limits: FetchLimits | None = None) -> httpx.AsyncClient:
    """The shared client (use as `async with make_client() as client:`)."""
    lim = limits or FetchLimits()
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate, br"},
        timeout=httpx.Timeout(
            connect=lim.connect_timeout, read=lim.read_timeout, write=lim.read_timeout, pool=None
        ),
        limits=httpx.Limits(
            max_connections=lim.concurrency, max_keepalive_connections=lim.concurrency
        ),
        follow_redirects=False,  # followed by hand: capped, http(s) only, per-host limits
    )


@dataclass
class Fetcher:
    """Fetches through one client under the global and per-host concurrency limits."""

    client: httpx.AsyncClient
    limits: FetchLimits = field(default_factory=FetchLimits)
    # When set, a body past BIG_BODY bytes waits here before it is read further, and the
    # caller releases it (`FetchResult.release`) once done with the body: a refresh
    # holds only so many big bodies at once, however many feeds are being fetched.
    big_bodies: asyncio.Semaphore | None = None
    _all: asyncio.Semaphore | None = None
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict)

    def _host(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        sem = self._hosts.get(host)
        if sem is None:
            sem = self._hosts[host] = asyncio.Semaphore(max(1, self.limits.per_host))
        return sem

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        if self._all is None:
            self._all = asyncio.Semaphore(max(1, self.limits.concurrency))
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            # The clock starts with the first request, not while queued behind other feeds.
            async with asyncio.timeout(None) as clock:
                return await self._follow(url, headers, clock)
        except TimeoutError:
            raise FetchTimeout(f"timed out after {self.limits.total_timeout:g} s") from None

    async def _follow(
        self, url: str, headers: dict[str, str], clock: asyncio.Timeout
    ) -> FetchResult:
        for _hop in range(self.limits.max_redirects + 1):
            _check_url(url)
            async with self._all, self._host(url):  # type: ignore[union-attr]
                if clock.when() is None:
                    clock.reschedule(asyncio.get_running_loop().time() + self.limits.total_timeout)
                result, location = await self._once(url, headers, clock)
            if location is None:
                assert result is not None
                return result
            url = location
        raise TooManyRedirects(f"too many redirects (more than {self.limits.max_redirects})")

    async def _once(
        self, url: str, headers: dict[str, str], clock: asyncio.Timeout
    ) -> tuple[FetchResult | None, str | None]:
        try:
            request = self.client.build_request("GET", url, headers=headers)
        except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
            reason = _http_reason(exc)  # InvalidURL's already says "bad URL"
            raise FetchError(
                reason if reason.startswith("bad URL") else f"bad URL: {reason}"
            ) from None
        try:
            response = await self.client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException:
            raise FetchTimeout("timed out") from None
        except httpx.HTTPError as exc:
            raise FetchError(_http_reason(exc)) from None
        except (httpx.InvalidURL, ValueError, UnicodeError):
            # The request's URL was fine (built above): httpx choked on the redirect's
            # Location while preparing the next request (javascript:, malformed...).
            raise FetchError("redirect to a URL that is not a valid http(s) URL") from None
        try:
            status = response.status_code
            if status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                return None, urljoin(url, clean_line(location))
            if status == 304:
                return FetchResult(url=url, status=304, not_modified=True), None
            if status >= 400:
                retry = _retry_after(response.headers.get("retry-after"))
                if status == 429 and retry is None:
                    retry = time.time() + 600  # asked to slow down without saying how much
                reason = clean_line(response.reason_phrase)[:60]
                raise HttpStatusError(
                    f"HTTP {status}{' ' + reason if reason else ''}", status, retry
                )
            if not 200 <= status < 300:
                raise FetchError(f"unexpected HTTP {status}")
            content, release = await self._read(response, clock)
            return (
                FetchResult(
                    url=url,
                    status=status,
                    content=content,
                    release=release,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    content_type=response.headers.get("content-type", ""),
                ),
                None,
            )
        except httpx.TimeoutException:
            raise FetchTimeout("timed out while reading") from None
        except httpx.HTTPError as exc:
            raise FetchError(_http_reason(exc)) from None
        finally:
            await response.aclose()

    async def _read(
        self, response: httpx.Response, clock: asyncio.Timeout
    ) -> tuple[bytes, Callable[[], None] | None]:
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise TooLargeError(f"response too large ({int(declared) // 1024} KiB > cap)")
        decoder = _decoder(response.headers.get("content-encoding", ""))
        out = bytearray()
        raw = 0
        gate = self.big_bodies
        held = False
        try:
            async for chunk in response.aiter_raw():
                raw += len(chunk)
                if raw > cap:
                    raise TooLargeError(f"response larger than {cap // 1024} KiB")
                decoder.feed(chunk, out, cap)
                if gate is not None and not held and len(out) > BIG_BODY:
                    await _wait_paused(gate, clock)
                    held = True
            decoder.finish(out, cap)
            content = bytes(out)
        except BaseException:
            if held:
                gate.release()  # type: ignore[union-attr]
            raise
        return content, (gate.release if held else None)  # type: ignore[union-attr]


async def _wait_paused(gate: asyncio.Semaphore, clock: asyncio.Timeout) -> None:
    """Wait for `gate` with the fetch's clock stopped (waiting is not the server's time)."""
    loop = asyncio.get_running_loop()
    when = clock.when()
    clock.reschedule(None)
    started = loop.time()
    try:
        await gate.acquire()
    finally:
        if when is not None:
            clock.reschedule(when + loop.time() - started)


def _check_url(url: str) -> None:
    if any(ord(c) < 33 or 127 <= ord(c) < 160 for c in url):  # controls or spaces: not a URL
        raise FetchError("bad URL: control characters or spaces in it")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError("bad URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {clean_line(url)[:100]}")


# -- bounded decompression ---------------------------------------------------------------


class _Identity:
    def feed(self, chunk: bytes, out: bytearray, cap: int) -> None:
        out += chunk
        _check(out, cap)

    def finish(self, out: bytearray, cap: int) -> None:
        pass


class _Zlib(_Identity):
    def __init__(self, wbits: int):
        self.d = zlib.decompressobj(wbits)

    def feed(self, chunk: bytes, out: bytearray, cap: int) -> None:
        data = chunk
        try:
            while data:
                out += self.d.decompress(data, _DECODE_STEP)
                _check(out, cap)
                data = self.d.unconsumed_tail
                if self.d.eof:
                    break
        except zlib.error:
            raise FetchError("bad compressed data") from None

    def finish(self, out: bytearray, cap: int) -> None:
        try:
            out += self.d.flush(_DECODE_STEP)
        except zlib.error:
            raise FetchError("bad compressed data") from None
        _check(out, cap)


class _Brotli(_Identity):
    def __init__(self) -> None:
        import brotli

        self.brotli = brotli
        self.d = brotli.Decompressor()

    def feed(self, chunk: bytes, out: bytearray, cap: int) -> None:
        try:
            out += self.d.process(chunk, output_buffer_limit=_DECODE_STEP)
            _check(out, cap)
            while not self.d.can_accept_more_data():
                out += self.d.process(b"", output_buffer_limit=_DECODE_STEP)
                _check(out, cap)
        except self.brotli.error:
            raise FetchError("bad compressed data") from None


def _decoder(encoding: str) -> _Identity:
    enc = encoding.strip().lower()
    if enc in ("gzip", "x-gzip"):
        return _Zlib(16 + zlib.MAX_WBITS)
    if enc == "deflate":
        return _Zlib(zlib.MAX_WBITS)
    if enc == "br":
        return _Brotli()
    if enc in ("", "identity"):
        return _Identity()
    raise FetchError(f"unsupported Content-Encoding {clean_line(enc)[:30]!r}")


def _check(out: bytearray, cap: int) -> None:
    if len(out) > cap:
        raise TooLargeError(f"response larger than {cap // 1024} KiB once decompressed")


# -- helpers -----------------------------------------------------------------------------


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    now = time.time()
    if value.isdigit():
        return now + min(int(value), 7 * 86400)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return min(max(when, now), now + 7 * 86400)


def _http_reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    kind = {
        "ConnectError": "cannot connect",
        "RemoteProtocolError": "server broke the protocol",
        "ReadError": "connection lost",
        "WriteError": "connection lost",
        "UnsupportedProtocol": "unsupported URL scheme",
        "InvalidURL": "bad URL",
        "LocalProtocolError": "bad request",
    }.get(type(exc).__name__)
    return clean_line(f"{kind}: {text}" if kind else text)[:200]


@asynccontextmanager
async def fetcher(
    client: httpx.AsyncClient | None = None, limits: FetchLimits | None = None
) -> AsyncIterator[Fetcher]:
    """A `Fetcher` on the given client, or on a new one closed afterwards."""
    lim = limits or FetchLimits()
    if client is not None:
        yield Fetcher(client, lim)
        return
    async with make_client(lim) as own:
        yield Fetcher(own, lim)
