import subprocess
from pathlib import Path

import pytest

from guildbot.bot.config import DEFAULT_DATABASE_URL, Settings, load_settings
from guildbot.contract.errors import ConfigError
from tests.cli import guildbot


def test_defaults_with_nothing_set(tmp_path: Path) -> None:
    settings = load_settings({}, env_file=tmp_path / "missing.env")
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.log_level == "INFO"
    assert settings.default_timezone == "UTC"


def test_env_file_is_read_and_real_environment_wins(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("GUILDBOT_LOG_LEVEL=debug\nGUILDBOT_DEFAULT_TIMEZONE=Europe/Paris\n")
    settings = load_settings({"GUILDBOT_DEFAULT_TIMEZONE": "America/Toronto"}, env_file=env)
    assert settings.log_level == "DEBUG"
    assert settings.default_timezone == "America/Toronto"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GUILDBOT_DATABASE_URL", "mysql://nope"),
        ("GUILDBOT_LOG_LEVEL", "chatty"),
        ("GUILDBOT_DEFAULT_TIMEZONE", "Mars/Olympus_Mons"),
        ("GUILDBOT_DEFAULT_TIMEZONE", "../../etc/passwd"),
        ("GUILDBOT_DEFAULT_LOCALE", "?!"),
        ("GUILDBOT_DEFAULT_LOCALE", "de"),  # a language Guildbot does not write in
        ("GUILDBOT_DEFAULT_LOCALE", "es-MX"),
        ("GUILDBOT_INSTANCE_NAME", "x" * 65),
        ("GUILDBOT_SEND_RATE", "slack"),
        ("GUILDBOT_SEND_RATE", "slack=fast"),
        ("GUILDBOT_SEND_RATE", "slack=nan"),
        ("GUILDBOT_SEND_RATE", "slack=0"),
        ("GUILDBOT_SEND_RATE", "irc=2"),
        ("GUILDBOT_SEND_RATE", "slack=1,slack=2"),
    ],
)
def test_bad_values_name_the_variable(variable: str, value: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({variable: value}, env_file=None)
    assert raised.value.variable == variable
    assert str(raised.value).startswith(f"{variable}: expected")


@pytest.mark.parametrize(
    ("value", "kept"), [("fr", "fr"), ("fr-CA", "fr-CA"), ("EN", "en"), ("français", "fr")]
)
def test_the_default_locale_is_english_or_french(value: str, kept: str) -> None:
    assert load_settings({"GUILDBOT_DEFAULT_LOCALE": value}, env_file=None).default_locale == kept
    assert load_settings({}, env_file=None).default_locale == "en"


def test_send_rates_reach_the_delivery_policy() -> None:
    settings = load_settings({"GUILDBOT_SEND_RATE": " Slack=0.9, teams=7 ,"}, env_file=None)
    assert settings.send_rates == {"slack": 0.9, "teams": 7.0}
    assert load_settings({}, env_file=None).send_rates == {}


def run_cli(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return guildbot(tmp_path, *args, env=env)


def test_bad_setting_stops_startup_with_one_line_and_status_2(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run", env={"GUILDBOT_LOG_LEVEL": "loud"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "guildbot: GUILDBOT_LOG_LEVEL: expected one of DEBUG, INFO, WARNING, ERROR"
    ]


def test_bad_setting_in_env_file_is_reported_the_same_way(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("GUILDBOT_DEFAULT_TIMEZONE=Nowhere/Special\n")
    result = run_cli(tmp_path, "db", "current", env={})
    assert result.returncode == 2
    assert result.stderr.strip().startswith("guildbot: GUILDBOT_DEFAULT_TIMEZONE: expected")


def test_corrupt_sqlite_file_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "broken.db").write_bytes(b"this is not a database at all" * 100)
    result = run_cli(tmp_path, "run", env={"GUILDBOT_DATABASE_URL": "sqlite:///broken.db"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("guildbot: GUILDBOT_DATABASE_URL: cannot use the database:")


def test_unreachable_postgres_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path,
        "db",
        "upgrade",
        env={"GUILDBOT_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"},
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "GUILDBOT_DATABASE_URL: cannot use the database" in lines[0]


def test_db_current_says_behind_with_status_1_and_applies_nothing(tmp_path: Path) -> None:
    env = {"GUILDBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}"}
    behind = run_cli(tmp_path, "db", "current", env=env)
    assert behind.returncode == 1
    assert "schema revision none: behind" in behind.stdout
    assert "`guildbot db upgrade` applies it" in behind.stdout
    assert run_cli(tmp_path, "db", "current", env=env).returncode == 1  # still: nothing applied
    assert run_cli(tmp_path, "db", "upgrade", env=env).returncode == 0
    current = run_cli(tmp_path, "db", "current", env=env)
    assert current.returncode == 0 and "up to date" in current.stdout
    assert "Context impl" not in current.stderr + behind.stderr


def test_run_with_nothing_to_serve_and_nobody_typing_says_so(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run", env={})  # stdin is /dev/null, as under systemd
    assert result.returncode == 2
    line = result.stderr.strip().splitlines()[-1]  # after what start-up logged
    assert line.startswith("guildbot: no chat platform is configured")
    assert "nothing to run" in line


def test_help_texts_say_what_commands_do(tmp_path: Path) -> None:
    run_help = run_cli(tmp_path, "run", "--help", env={})
    assert "SIGTERM" in run_help.stdout and "Exit status" in run_help.stdout
    imports = run_cli(tmp_path, "members", "import", "--help", env={})
    assert "name,email,department,title,timezone,skills,communities" in imports.stdout
    routing = run_cli(tmp_path, "eval", "routing", "--help", env={})
    assert "%%" not in routing.stdout and "80 % train" in routing.stdout


def test_metrics_are_off_unless_a_port_is_set_and_then_on_loopback() -> None:
    assert load_settings({}, env_file=None).metrics_port is None
    assert load_settings({"GUILDBOT_METRICS_PORT": "off"}, env_file=None).metrics_port is None
    settings = load_settings({"GUILDBOT_METRICS_PORT": "9464"}, env_file=None)
    assert (settings.metrics_host, settings.metrics_port) == ("127.0.0.1", 9464)
    assert Settings().metrics_port is None


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"GUILDBOT_METRICS_PORT": "nine"}, "GUILDBOT_METRICS_PORT"),
        ({"GUILDBOT_METRICS_PORT": "70000"}, "GUILDBOT_METRICS_PORT"),
        ({"GUILDBOT_METRICS_PORT": "8080"}, "GUILDBOT_METRICS_PORT"),  # the web app's port
        (
            {"GUILDBOT_METRICS_PORT": "9464", "GUILDBOT_METRICS_HOST": "a b"},
            "GUILDBOT_METRICS_HOST",
        ),
    ],
)
def test_a_metrics_setting_that_cannot_be_used_is_refused_naming_it(
    environ: dict[str, str], variable: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(environ, env_file=None)
    assert refused.value.variable == variable
