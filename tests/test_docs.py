"""The README says what the code does: its key tables are the `?` help's rows, its settings
table is what the config parser accepts, and a rebinding onto a used key is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui import config
from tui.config import parse_settings
from tui.errors import CliError
from tui.screens.help import _key, all_bindings, binding_ids, binding_scopes, meaning

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def table_rows(columns: int) -> list[list[str]]:
    rows = []
    for line in README.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == columns and not set(cells[0]) <= set("-:"):
            rows.append(cells)
    return rows


def test_readme_key_tables_are_the_bindings() -> None:
    documented = {
        row[2].strip("`"): ([k.strip("`") for k in row[0].split(", ")], row[1])
        for row in table_rows(3)
        if row[2].startswith("`")
    }
    in_code = {
        b.id: ([_key(k) for k in b.key.split(",")], meaning(b))
        for _, group in all_bindings()
        for b in group
        if b.id
    }
    assert documented == in_code


def test_readme_settings_table_is_what_the_parser_knows() -> None:
    names = {row[0].strip("`") for row in table_rows(2) if row[0].startswith("`")}
    known = (
        {k for k in config._TOP if k not in ("layout", "keys", "limits", "stories")}
        | {f"[layout] {k}" for k in config._LAYOUT}
        | {f"[limits] {k}" for k in config._LIMITS}
        | {"[keys] ID", "[stories] window"}
    )
    assert names == known
    assert "\nwho_said_what" not in README.split("## Settings")[0]  # not a top-level setting


SAMPLES = {
    "theme": '"nord"',
    "refresh_on_start": "true",
    "full_text": '"short"',
    "export_dir": '"~/news"',
    "who_said_what": "false",
    "ID": '"S"',
    "parse_memory_mb": "128",
}


def test_every_documented_setting_parses_where_the_readme_puts_it() -> None:
    for row in table_rows(2):
        name = row[0].strip("`")
        if not row[0].startswith("`"):
            continue
        table, _, key = name.rpartition(" ")
        key = "star" if key == "ID" else key
        low = config._LIMITS[key][2] if table == "[limits]" else 0
        value = SAMPLES.get(name.rpartition(" ")[2], f"{max(low, 5):g}")
        toml = (f"{table}\n" if table else "") + f"{key} = {value}\n"
        parse_settings(toml, Path("config.toml"), binding_ids=binding_ids())
    # and the README's example file too
    example = README.split("```toml\n", 1)[1].split("```", 1)[0]
    s = parse_settings(example, Path("c.toml"), binding_ids=binding_ids(), scopes=binding_scopes())
    assert s.who_said_what is False and s.keys == {"star": "S"}


@pytest.mark.parametrize(
    ("toml", "line", "needle"),
    [
        ('[keys]\nstar = "j"\n', 2, "star: key 'j' is already bound to down"),
        ('[keys]\ndown = "x"\nstar = "j"\n', 3, "star: key 'j' is already bound to reader_down"),
        ('theme = "nord"\n[keys]\nsearch = "q"\n', 3, "search: key 'q' is already bound to back"),
    ],
)
def test_a_key_rebound_onto_a_used_key_names_the_clash(toml: str, line: int, needle: str) -> None:
    with pytest.raises(CliError) as err:
        parse_settings(toml, Path("c.toml"), binding_ids=binding_ids(), scopes=binding_scopes())
    message = str(err.value)
    assert f"line {line}: {needle}" in message and "\n" not in message


def test_moving_both_keys_is_fine() -> None:
    toml = '[keys]\nstar = "j"\ndown = "x"\nreader_down = "x"\n'
    s = parse_settings(toml, Path("c.toml"), binding_ids=binding_ids(), scopes=binding_scopes())
    assert s.keys["star"] == "j"


def test_help_screen_rows_use_the_same_words() -> None:
    # the `?` screen renders meaning(b): one source for the README, the help and the tests
    assert re.search(r"\| `J` \| Open the next article", README)
