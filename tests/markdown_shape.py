"""Read an article digest back from Markdown (markdown-it's parse tree), to compare shapes.

Every file newsdesk writes renders an article the same way (summarize/_markdown.py):
a heading opening with its anchor (linked to the source), a meta line, "Key points" and "Who said
what" sub-headings one level down. `articles(text)` returns, per article, what a
reader sees, with heading levels made relative to the article's own heading.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

_ANCHOR = re.compile(r'^<a id="([a-z0-9-]+)">$')


def parse(text: str) -> list[Any]:
    return MarkdownIt("commonmark").parse(text)


def articles(text: str) -> list[dict[str, Any]]:
    tokens = parse(text)
    out: list[dict[str, Any]] = []
    level = 0
    mode = ""
    depth = 0
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            h = int(t.tag[1:])
            children = tokens[i + 1].children or []
            first = children[0] if children else None
            m = _ANCHOR.match(first.content) if first and first.type == "html_inline" else None
            anchor = m.group(1) if m else None
            title = "".join(c.content for c in children if c.type == "text")
            href = next((c.attrs["href"] for c in children if c.type == "link_open"), None)
            if anchor is not None:
                level = h
                out.append(
                    {"anchor": anchor, "title": title, "href": href, "meta": None,
                     "points": [], "speakers": [], "sections": []}
                )  # fmt: skip
                mode = "meta"
            elif out and h == level + 1:
                out[-1]["sections"].append(title)
                mode = {"Key points": "points", "Who said what": "speakers"}.get(title, "other")
            elif h <= level:
                mode = ""
            continue
        if t.type == "bullet_list_open":
            depth += 1
        elif t.type == "bullet_list_close":
            depth -= 1
        elif t.type == "inline" and out and mode and tokens[i - 1].type == "paragraph_open":
            art = out[-1]
            if mode == "meta" and depth == 0:
                art["meta"] = t.content
            elif mode == "points" and depth == 1:
                art["points"].append(t.content)
            elif mode == "speakers" and depth == 1:
                art["speakers"].append((t.content, []))
            elif mode == "speakers" and depth == 2 and art["speakers"]:
                art["speakers"][-1][1].append(t.content)
            elif mode == "points" and depth == 0:
                art["points"].append(t.content)  # "No key points" note
    return out
