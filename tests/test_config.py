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
        ("[limits]\ntimeout = 5\nspeed = 3\n", 3, "speed: unknown limit"),
        ("[limits]\n\ntimeout = 0\n", 3, "must be a number from 1"),
        ('[limits]\nmax_mb = "20"\n', 2, "must be a number"),
        ("[limits]\nper_host = 2.5\n", 2, "must be a whole number"),
        ("[limits]\nmax_redirects = true\n", 2, "must be a number"),
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


def test_limits_become_fetch_limits():
    s = parse("[limits]\ntimeout = 5\nmax_mb = 2\nmax_redirects = 0\nread_timeout = 2.5\n")
    lim = s.fetch_limits()
    assert lim.total_timeout == 5 and lim.read_timeout == 2.5 and lim.max_redirects == 0
    assert lim.max_bytes == 2 * 1024 * 1024
    assert lim.connect_timeout == 10 and lim.per_host == 8  # the rest keep their defaults
    assert Settings().fetch_limits() == type(lim)()


def test_refresh_uses_the_configured_limits(tmp_path, feed_server):
    """`newsdesk refresh` honours [limits]: a 2 MB feed is 'too large' under max_mb = 1."""
    import subprocess
    import sys

    from feedserver import Item, rss

    feed_server.route("/big.xml", size=2_000_000)
    feed_server.route("/ok.xml", rss("Ok", [Item("One", "/1")]))
    cfg = tmp_path / "config.toml"
    cfg.write_text("[limits]\nmax_mb = 1\n")
    cmd = [sys.executable, "-m", "tui", "--db", str(tmp_path / "n.db"), "--config", str(cfg)]
    urls = tmp_path / "urls"
    urls.write_text(f"{feed_server.url('/big.xml')}\n{feed_server.url('/ok.xml')}\n")
    subprocess.run([*cmd, "import", str(urls)], check=True, capture_output=True, timeout=60)
    r = subprocess.run([*cmd, "refresh"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 3 and "Traceback" not in r.stderr, r.stderr
    assert "too large" in r.stderr and "1 failed" in r.stdout  # the default cap is 20 MiB


def test_reader_refresh_child_uses_the_configured_limits(tmp_path, feed_server):
    """The reader's refresh (tui.refresh_child) reads [limits] from NEWSDESK_CONFIG too."""
    import json
    import os
    import subprocess
    import sys

    from feeds.store import Store

    feed_server.route("/big.xml", size=2_000_000)
    db = tmp_path / "n.db"
    with Store(db) as store:
        store.add_feed(feed_server.url("/big.xml"))
    cfg = tmp_path / "config.toml"
    cfg.write_text("[limits]\nmax_mb = 1\n")
    r = subprocess.run(
        [sys.executable, "-m", "tui.refresh_child", str(db)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "NEWSDESK_CONFIG": str(cfg)},
    )  # fmt: skip
    report = json.loads(r.stdout.splitlines()[-1])["report"]
    assert "too large" in report["failed"][0]["error"]
