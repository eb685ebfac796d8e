"""Typed settings read from the environment (and `.env`, through python-dotenv).

A bad or missing value raises `ConfigError` naming the variable and what is expected; the CLI
turns it into one line on stderr and exit status 2.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///guildbot.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(Exception):
    """A setting is missing or malformed. The message names the variable."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything an operator can configure. See `config.example.env` for each variable."""

    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"
    default_timezone: str = "UTC"
    default_locale: str = "en"
    instance_name: str = "guildbot"

    @property
    def log_level_number(self) -> int:
        """The level for `logging.basicConfig`."""
        return int(logging.getLevelName(self.log_level))


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Read settings from `environ` (default: the process environment) over an optional `.env`.

    Real environment variables win over `.env`, as operators expect when they override one
    value for a single run.
    """
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)

    def get(name: str, default: str) -> str:
        raw = values.get(name, "").strip()
        return raw or default

    database_url = get("GUILDBOT_DATABASE_URL", DEFAULT_DATABASE_URL)
    if not database_url.startswith(("sqlite", "postgresql", "postgres://")):
        raise ConfigError(
            "GUILDBOT_DATABASE_URL",
            "expected a sqlite:///PATH or postgresql://USER@HOST/DB URL",
        )

    log_level = get("GUILDBOT_LOG_LEVEL", "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise ConfigError("GUILDBOT_LOG_LEVEL", f"expected one of {', '.join(LOG_LEVELS)}")

    default_timezone = get("GUILDBOT_DEFAULT_TIMEZONE", "UTC")
    if not is_valid_timezone(default_timezone):
        raise ConfigError(
            "GUILDBOT_DEFAULT_TIMEZONE", "expected an IANA time zone such as America/Toronto"
        )

    default_locale = get("GUILDBOT_DEFAULT_LOCALE", "en")
    if not (2 <= len(default_locale) <= 10 and default_locale.replace("-", "").isalnum()):
        raise ConfigError("GUILDBOT_DEFAULT_LOCALE", "expected a language tag such as en or fr-CA")

    instance_name = get("GUILDBOT_INSTANCE_NAME", "guildbot")
    if not (1 <= len(instance_name) <= 64):
        raise ConfigError("GUILDBOT_INSTANCE_NAME", "expected 1 to 64 characters")

    return Settings(
        database_url=database_url,
        log_level=log_level,
        default_timezone=default_timezone,
        default_locale=default_locale,
        instance_name=instance_name,
    )


def is_valid_timezone(name: str) -> bool:
    """True when `name` is an IANA time zone this machine knows (e.g. ``Europe/Paris``)."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
