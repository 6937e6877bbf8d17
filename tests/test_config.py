"""Reader settings: TOML at the config path; a bad file is one clear line naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.config import Settings, load_settings, parse_settings
from tui.errors import CliError
from tui.screens.help import binding_ids

IDS = binding_ids()


def parse(text: str) -> Settings:
    return parse_settings(text, Path("config.toml"), binding_ids=IDS)


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "none.toml") == Settings()


def test_full_config():
    s = parse(
        'theme = "nord"\nrefresh_on_start = true\nfull_text = "short"\n'
        'export_dir = "/tmp/news"\n\n[layout]\nwho_said_what = false\n\n'
        '[keys]\ndown = "j,down,ctrl+n"\nstar = "S"\n'
    )
    assert s.theme == "nord" and s.refresh_on_start and s.full_text == "short"
    assert s.export_dir == Path("/tmp/news") and not s.who_said_what
    assert s.keys == {"down": "j,down,ctrl+n", "star": "S"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('theme = "nord"\ncolour = 3\n', 2, "colour: unknown setting"),
        ('theme = "no-such-theme"\n', 1, "unknown theme"),
        ('\nrefresh_on_start = "yes"\n', 2, "must be true or false"),
        ('full_text = "sometimes"\n', 1, "never, short, always"),
        ("[layout]\nwho_said_what = true\npanes = 3\n", 3, "unknown layout setting"),
        ('[keys]\ndown = "j"\nfly = "x"\n', 3, "fly: unknown key binding id"),
        ('[keys]\ndown = "j k"\n', 2, "bad key list"),
        ("layout = 3\n", 1, "must be a table"),
    ],
)
def test_bad_settings_name_the_line(text, line, words):
    with pytest.raises(CliError) as err:
        parse(text)
    msg = str(err.value)
    assert f"line {line}" in msg and words in msg and "\n" not in msg


def test_toml_syntax_error_names_the_line():
    with pytest.raises(CliError) as err:
        parse('theme = "nord"\nthis is not toml\n')
    assert "line 2" in str(err.value)


def test_bad_config_exits_2_with_one_line(tmp_path, capsys):
    cfg = tmp_path / "config.toml"
    cfg.write_text('theme = "nord"\nwho = 1\n')
    code = main(["--db", str(tmp_path / "n.db"), "--config", str(cfg)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "line 2" in err and "Traceback" not in err
