"""feeds.sanitize: nothing a feed sends can drive the terminal; ordinary text is untouched."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.sanitize import UNSAFE, _clean_line, _clean_text, clean_line, clean_text

ESC = "\x1b"

HOSTILE = [
    (f"{ESC}[31mred{ESC}[0m", "red"),  # SGR colour
    (f"{ESC}[2J{ESC}[Hcleared", "cleared"),  # clear screen, cursor home
    (f"{ESC}[?1049h{ESC}[?25lalt", "alt"),  # alternate screen, hide cursor
    (f"{ESC}]0;pwned{ESC}\\title", "title"),  # OSC window title, ST-terminated
    (f"{ESC}]8;;http://evil.example/{ESC}\\link{ESC}]8;;{ESC}\\", "link"),  # OSC 8 hyperlink
    (f"{ESC}]52;c;ZXZpbA=={ESC}\\clip", "clip"),  # OSC 52 clipboard write
    (f"{ESC}]2;bell-term\x07x", "x"),  # BEL-terminated OSC
    (f"{ESC}P+q544e{ESC}\\dcs", "dcs"),  # DCS request
    (f"{ESC}_apc{ESC}\\a", "a"),
    (f"{ESC}(0box", "box"),  # charset switch to line drawing
    (f"{ESC}#8fill", "fill"),  # DECALN
    (f"{ESC}cRIS", "RIS"),  # full reset
    (f"{ESC}7{ESC}8save", "save"),
    ("\x9b31mc1csi", "31mc1csi"),  # 8-bit CSI: the control goes, the rest is inert text
    ("a\x00b\x07c\x08d\x7fe\x85f", "abcdef"),
    ("bi\u202edi\u202c \u2066iso\u2069 \u200fmark\u061c", "bidi iso mark"),
    ("lone \ud800 surrogate", "lone  surrogate"),
]


@pytest.mark.parametrize(("raw", "expected"), HOSTILE)
def test_clean_text_strips_sequences(raw: str, expected: str) -> None:
    out = clean_text(raw)
    assert out == expected
    assert not UNSAFE.search(out)
    assert ESC not in out


def test_unterminated_osc_keeps_the_text_after_it() -> None:
    out = clean_text(f"before {ESC}]0;no terminator here, and the article goes on")
    assert ESC not in out
    assert "the article goes on" in out


def test_mojibake_with_c1_bytes_loses_only_those_bytes() -> None:
    # UTF-8 curly quotes read as latin-1: "â€\x9c" / "â€\x9d" (\x9c is ST, \x9d is OSC in C1).
    text = ("He said â€\x9cyesâ€\x9d. " * 50) + "THE END"
    out = clean_text(text)
    assert out.endswith("THE END")
    assert out.count("yes") == 50
    assert not UNSAFE.search(out)


def test_newlines_and_tabs_kept_in_text_not_in_lines() -> None:
    assert clean_text("a\r\nb\rc\td\u2028e") == "a\nb\nc\td\ne"
    assert clean_line("  a\r\n\tb \u2029 c\x0bd  ") == "a b c d"


def test_ordinary_text_untouched() -> None:
    text = "Zürich — «quoted» [bold]not markup[/] 東京 emoji 🎉 ½ & <b>"
    assert clean_text(text) == text
    assert clean_line(text) == text


def test_none_and_empty() -> None:
    assert clean_text(None) == "" and clean_line(None) == ""
    assert clean_text("") == "" and clean_line("") == ""


_ALPHABET = st.sampled_from(
    list("ab [];/\\\x07\x9c\x9d\x9b\x1b\x00\r\n\t\u202e\u2066\ud800\u2028é0?P_^X")
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=60) | st.text(max_size=60))
def test_no_control_survives(text: str) -> None:
    for out in (clean_text(text), clean_line(text)):
        assert not UNSAFE.search(out)
        out.encode("utf-8")  # always encodable (no lone surrogates)
    assert "\n" not in clean_line(text)
    assert clean_text(clean_text(text)) == clean_text(text)


def test_linear_time_on_adversarial_input() -> None:
    # Many unterminated introducers: must not go quadratic (this finishes in milliseconds).
    text = (f"{ESC}]" + "x" * 10) * 20000 + (f"{ESC}[" + "1;" * 10) * 20000
    out = clean_text(text)
    assert ESC not in out


@given(st.text(st.characters(max_codepoint=0x7F), max_size=60) | st.text(_ALPHABET, max_size=60))
@settings(max_examples=300, deadline=None)
def test_quick_path_for_ascii_gives_what_the_full_cleaning_gives(text: str) -> None:
    assert clean_text(text) == _clean_text(text)
    assert clean_line(text) == _clean_line(text)
