"""The People view in a real terminal: `newsdesk demo`, p, a speaker, a statement, the article."""

from __future__ import annotations

import re


def test_people_view_opens_the_article_at_a_statement(term):
    t = term("demo")
    t.wait_for("All · 1/")
    assert "Nothing open" in t.screen()
    t.send("p")
    t.wait_for("People in “All”")
    t.wait_for("(Enter: statements")  # the list's articles digested, speakers counted
    assert re.search(r"\d+ speakers", t.screen()), t.dump()
    t.send("\r")  # the most quoted speaker
    name = t.wait_match(r"│([^│]*?): \d+ statements").group(1).strip()
    t.send("\r")  # their first statement: its article opens
    t.wait_gone("(Enter: open")
    t.wait_until(lambda s: "Nothing open" not in s, "the article did not open")
    t.wait_for(name.split()[-1])  # the speaker, in the open article's text
    t.send("Q")
    t.wait_exit()
