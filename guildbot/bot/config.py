"""Typed settings read from the environment (and `.env`, through python-dotenv).

A bad or missing value raises `ConfigError` naming the variable and what is expected; the CLI
turns it into one line on stderr and exit status 2.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from guildbot.bot.i18n.languages import parse_language
from guildbot.contract.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///guildbot.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DISCORD_API_URL = "https://discord.com/api/v10"
MAX_DISCORD_SHARDS = 10_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything an operator can configure. See `config.example.env` for each variable."""

    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"
    default_timezone: str = "UTC"
    default_locale: str = "en"
    instance_name: str = "guildbot"
    tick_seconds: float = 5.0
    lease_seconds: int = 60
    max_send_attempts: int = 5
    # How long a platform may be without its connection before /healthz says unhealthy.
    health_grace_seconds: float = 60.0
    grace_reminder: timedelta = timedelta(minutes=15)
    grace_announcement: timedelta = timedelta(hours=2)
    grace_follow_up: timedelta = timedelta(days=1)
    # How long the bodies of messages already sent are kept (then the row goes, or keeps only
    # its bookkeeping when it was never sent).
    retention_messages: timedelta = timedelta(days=30)
    # How long the rest is kept (then the scheduler purges it, unless a legal hold keeps it).
    retention_questions: timedelta = timedelta(days=730)  # closed and resolved questions
    retention_audit: timedelta = timedelta(days=2555)  # the audit log: about seven years
    retention_coffee: timedelta = timedelta(days=730)  # coffee rounds, groups, answers
    retention_rsvps: timedelta = timedelta(days=365)  # answers to events, after their date
    # Most messages per second this process sends on each platform (its share of the
    # platform's limit); a platform not listed adapts to the 429s it gets.
    send_rates: dict[str, float] = field(default_factory=dict)
    # Where people reach this Guildbot's web app (iCal "Add to calendar" links); "" when none.
    public_url: str = ""
    # The facilitators' dashboard on the web app (off unless asked for), and the secret its
    # sign-in links and session cookies are signed with (kept out of repr()).
    dashboard_enabled: bool = False
    secret_key: str = field(default="", repr=False)
    # Slack (all empty: Slack is off). Secrets stay out of repr() so they never reach a log.
    slack_bot_token: str = field(default="", repr=False)
    slack_app_token: str = field(default="", repr=False)
    slack_signing_secret: str = field(default="", repr=False)
    slack_api_url: str = DEFAULT_SLACK_API_URL
    # Discord (no token: Discord is off). One process runs `discord_shard_ids` of
    # `discord_shard_count` shards (empty: all of them). Intros open as private threads in
    # the channel configured per guild (guild id -> channel id).
    discord_bot_token: str = field(default="", repr=False)
    discord_shard_count: int = 1
    discord_shard_ids: tuple[int, ...] = ()
    discord_intro_channels: dict[str, str] = field(default_factory=dict)
    discord_message_content: bool = False
    # Server Members (privileged): member joins, for the welcomes of communities linked to a
    # channel. Off unless switched on here and in the Developer Portal.
    discord_members_intent: bool = False
    discord_api_url: str = DEFAULT_DISCORD_API_URL
    discord_gateway_url: str = ""
    # Matrix (no homeserver: Matrix is off). One account, logged in with its access token or
    # its password; its device's keys are kept in the database, encrypted with the pickle key.
    matrix_homeserver: str = ""
    matrix_user_id: str = ""
    matrix_access_token: str = field(default="", repr=False)
    matrix_password: str = field(default="", repr=False)
    matrix_device_id: str = ""
    matrix_pickle_key: str = field(default="", repr=False)
    matrix_encryption: bool = True
    # Homeservers besides the bot's own whose users may invite it (empty: none; "*": any).
    matrix_allowed_servers: tuple[str, ...] = ()
    # Microsoft Teams (an Azure Bot registration's app id, secret and tenant). Without
    # credentials Teams runs only when `teams_anonymous` asks for it (local testing).
    teams_client_id: str = ""
    teams_client_secret: str = field(default="", repr=False)
    teams_tenant_id: str = ""
    teams_anonymous: bool = False
    # Bot Connector service URLs taken besides Microsoft's own https hosts (a Bot Framework
    # emulator, a local double of the connector); each a prefix of the activities' serviceUrl.
    teams_service_urls: tuple[str, ...] = ()
    # The shared web app (/healthz, Slack's HTTP mode, calendar feeds).
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    # /metrics for Prometheus, on a listener of its own (None: off); see `app.metrics_server`.
    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = None

    @property
    def slack_enabled(self) -> bool:
        """True when a Slack bot token is configured."""
        return bool(self.slack_bot_token)

    @property
    def slack_socket_mode(self) -> bool:
        """Socket Mode (no inbound port) when an app-level token is set; HTTP mode otherwise."""
        return bool(self.slack_app_token)

    @property
    def discord_enabled(self) -> bool:
        """True when a Discord bot token is configured."""
        return bool(self.discord_bot_token)

    @property
    def matrix_enabled(self) -> bool:
        """True when a Matrix homeserver is configured."""
        return bool(self.matrix_homeserver)

    @property
    def teams_enabled(self) -> bool:
        """True when Teams credentials are configured, or anonymous mode was asked for."""
        return bool(self.teams_client_id) or self.teams_anonymous

    @property
    def log_level_number(self) -> int:
        """The level for `logging.basicConfig`."""
        return int(logging.getLevelName(self.log_level))


def _values(environ: Mapping[str, str] | None, env_file: Path | None) -> dict[str, str]:
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return values


def teams_app_id(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> str:
    """TEAMS_CLIENT_ID alone, checked: what `guildbot teams package` needs (the package
    names the app; the secret, which only the running bot uses, is not asked for)."""
    client_id = _values(environ, env_file).get("TEAMS_CLIENT_ID", "").strip()
    if not client_id:
        raise ConfigError(
            "TEAMS_CLIENT_ID", "required to build the Teams app package (the Microsoft App ID)"
        )
    if not _GUID.fullmatch(client_id):
        raise ConfigError("TEAMS_CLIENT_ID", "expected the Azure Bot's Microsoft App ID (a GUID)")
    return client_id


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Read settings from `environ` (default: the process environment) over an optional `.env`.

    Real environment variables win over `.env`, as operators expect when they override one
    value for a single run.
    """
    values = _values(environ, env_file)

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
    # Only a language Guildbot speaks: a default it cannot write in would be English anyway.
    chosen = parse_language(default_locale)
    if chosen is None:
        raise ConfigError(
            "GUILDBOT_DEFAULT_LOCALE", "expected en or fr (or a regional form such as fr-CA)"
        )
    default_locale = chosen[1] or chosen[0].value

    instance_name = get("GUILDBOT_INSTANCE_NAME", "guildbot")
    if not (1 <= len(instance_name) <= 64):
        raise ConfigError("GUILDBOT_INSTANCE_NAME", "expected 1 to 64 characters")

    tick_seconds = _number(get("GUILDBOT_TICK_SECONDS", "5"), "GUILDBOT_TICK_SECONDS", 0.5, 300)
    lease_seconds = int(
        _number(get("GUILDBOT_LEASE_SECONDS", "60"), "GUILDBOT_LEASE_SECONDS", 5, 3600)
    )
    max_attempts = int(
        _number(get("GUILDBOT_MAX_SEND_ATTEMPTS", "5"), "GUILDBOT_MAX_SEND_ATTEMPTS", 1, 50)
    )
    send_rates = _send_rates(get("GUILDBOT_SEND_RATE", ""))
    public_url = get("GUILDBOT_PUBLIC_URL", "").rstrip("/")
    if public_url and not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", public_url):
        raise ConfigError(
            "GUILDBOT_PUBLIC_URL", "expected an address such as https://guildbot.example.org"
        )
    slack_bot_token, slack_app_token, slack_signing_secret, slack_api_url = _slack_settings(get)
    discord = _discord_settings(get)
    teams = _teams_settings(get)
    matrix = _matrix_settings(get)
    http_host = get("GUILDBOT_HTTP_HOST", "127.0.0.1")
    if not re.fullmatch(r"[A-Za-z0-9.:\-\[\]]{1,255}", http_host):
        raise ConfigError("GUILDBOT_HTTP_HOST", "expected a host name or IP address to listen on")
    http_port = _number(get("GUILDBOT_HTTP_PORT", "8080"), "GUILDBOT_HTTP_PORT", 1, 65535)
    if http_port != int(http_port):
        raise ConfigError("GUILDBOT_HTTP_PORT", "expected a whole number from 1 to 65535")
    return Settings(
        slack_bot_token=slack_bot_token,
        slack_app_token=slack_app_token,
        slack_signing_secret=slack_signing_secret,
        slack_api_url=slack_api_url,
        http_host=http_host,
        http_port=int(http_port),
        **_metrics_settings(get, int(http_port)),
        database_url=database_url,
        log_level=log_level,
        default_timezone=default_timezone,
        default_locale=default_locale,
        instance_name=instance_name,
        tick_seconds=tick_seconds,
        lease_seconds=lease_seconds,
        max_send_attempts=max_attempts,
        health_grace_seconds=_number(
            get("GUILDBOT_HEALTH_GRACE_SECONDS", "60"), "GUILDBOT_HEALTH_GRACE_SECONDS", 0, 86_400
        ),
        grace_reminder=_duration(get("GUILDBOT_GRACE_REMINDER", "15m"), "GUILDBOT_GRACE_REMINDER"),
        grace_announcement=_duration(
            get("GUILDBOT_GRACE_ANNOUNCEMENT", "2h"), "GUILDBOT_GRACE_ANNOUNCEMENT"
        ),
        grace_follow_up=_duration(
            get("GUILDBOT_GRACE_FOLLOW_UP", "1d"), "GUILDBOT_GRACE_FOLLOW_UP"
        ),
        retention_messages=_days(get, "GUILDBOT_RETENTION_MESSAGES_DAYS", 30),
        retention_questions=_days(get, "GUILDBOT_RETENTION_QUESTIONS_DAYS", 730),
        retention_audit=_days(get, "GUILDBOT_RETENTION_AUDIT_DAYS", 2555),
        retention_coffee=_days(get, "GUILDBOT_RETENTION_COFFEE_DAYS", 730),
        retention_rsvps=_days(get, "GUILDBOT_RETENTION_RSVPS_DAYS", 365),
        public_url=public_url,
        **_dashboard_settings(get, public_url),
        send_rates=send_rates,
        **discord,
        **teams,
        **matrix,
    )


MIN_SECRET_KEY = 32


def _metrics_settings(get: Callable[[str, str], str], http_port: int) -> dict[str, Any]:
    """GUILDBOT_METRICS_PORT (off unless set) and GUILDBOT_METRICS_HOST (loopback)."""
    host = get("GUILDBOT_METRICS_HOST", "127.0.0.1")
    if not re.fullmatch(r"[A-Za-z0-9.:\-\[\]]{1,255}", host):
        raise ConfigError(
            "GUILDBOT_METRICS_HOST", "expected a host name or IP address to listen on"
        )
    raw = get("GUILDBOT_METRICS_PORT", "off")
    if raw.casefold() in ("off", "0"):
        return {"metrics_host": host, "metrics_port": None}
    port = _number(raw, "GUILDBOT_METRICS_PORT", 1, 65535)
    if port != int(port):
        raise ConfigError("GUILDBOT_METRICS_PORT", "expected a whole number from 1 to 65535")
    if int(port) == http_port:
        raise ConfigError(
            "GUILDBOT_METRICS_PORT",
            "must differ from GUILDBOT_HTTP_PORT: /metrics has a listener of its own",
        )
    return {"metrics_host": host, "metrics_port": int(port)}


def _dashboard_settings(get: Callable[[str, str], str], public_url: str) -> dict[str, Any]:
    """GUILDBOT_DASHBOARD and what it needs: a long secret key and the public address its
    links point at."""
    switch = get("GUILDBOT_DASHBOARD", "off").casefold()
    if switch not in ("on", "off", "true", "false", "1", "0", "yes", "no"):
        raise ConfigError("GUILDBOT_DASHBOARD", "expected on or off")
    enabled = switch in ("on", "true", "1", "yes")
    secret_key = get("GUILDBOT_SECRET_KEY", "")
    if enabled and len(secret_key) < MIN_SECRET_KEY:
        raise ConfigError(
            "GUILDBOT_SECRET_KEY",
            f"the dashboard needs a secret of at least {MIN_SECRET_KEY} characters "
            "(make one with: openssl rand -base64 48)",
        )
    if enabled and not public_url:
        raise ConfigError(
            "GUILDBOT_PUBLIC_URL", "the dashboard needs the address people reach Guildbot at"
        )
    return {"dashboard_enabled": enabled, "secret_key": secret_key}


def _slack_settings(get: Callable[[str, str], str]) -> tuple[str, str, str, str]:
    """SLACK_* variables, checked together: a bot token, and Socket Mode or HTTP mode.

    Returns the bot token, app-level token, signing secret and Web API base URL.
    """
    bot_token = get("SLACK_BOT_TOKEN", "")
    app_token = get("SLACK_APP_TOKEN", "")
    signing_secret = get("SLACK_SIGNING_SECRET", "")
    api_url = get("SLACK_API_URL", DEFAULT_SLACK_API_URL)
    if bot_token and not bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN", "expected a bot token starting with xoxb-")
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN", "expected an app-level token starting with xapp-")
    if (app_token or signing_secret) and not bot_token:
        variable = "SLACK_APP_TOKEN" if app_token else "SLACK_SIGNING_SECRET"
        raise ConfigError(
            "SLACK_BOT_TOKEN", f"required with {variable} (the bot token, starting with xoxb-)"
        )
    if bot_token and not (app_token or signing_secret):
        raise ConfigError(
            "SLACK_SIGNING_SECRET",
            "required for Slack's HTTP mode (or set SLACK_APP_TOKEN, xapp-…, for Socket Mode)",
        )
    if signing_secret and not re.fullmatch(r"[0-9A-Za-z]{8,128}", signing_secret):
        raise ConfigError(
            "SLACK_SIGNING_SECRET", "expected the app's signing secret (letters and digits)"
        )
    if not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", api_url):
        raise ConfigError("SLACK_API_URL", "expected an address such as https://slack.com/api/")
    return bot_token, app_token, signing_secret, api_url.rstrip("/") + "/"


# A bot token is three base64url parts separated by dots (user id, timestamp, HMAC).
_DISCORD_TOKEN = re.compile(r"[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{16,}")
_SNOWFLAKE = re.compile(r"\d{1,20}")


_GUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_SWITCH = {"on": True, "true": True, "1": True, "yes": True}
_SWITCH.update({"off": False, "false": False, "0": False, "no": False})


def _teams_settings(get: Callable[[str, str], str]) -> dict[str, Any]:
    """TEAMS_* variables, checked together; returns the matching `Settings` fields."""
    client_id = get("TEAMS_CLIENT_ID", "")
    secret = get("TEAMS_CLIENT_SECRET", "")
    tenant = get("TEAMS_TENANT_ID", "")
    anonymous_text = get("TEAMS_ANONYMOUS", "off").lower()
    if anonymous_text not in _SWITCH:
        raise ConfigError("TEAMS_ANONYMOUS", "expected on or off")
    anonymous = _SWITCH[anonymous_text]
    if client_id and not _GUID.fullmatch(client_id):
        raise ConfigError("TEAMS_CLIENT_ID", "expected the Azure Bot's Microsoft App ID (a GUID)")
    if (secret or tenant) and not client_id:
        variable = "TEAMS_CLIENT_SECRET" if secret else "TEAMS_TENANT_ID"
        raise ConfigError("TEAMS_CLIENT_ID", f"required with {variable} (the Microsoft App ID)")
    if client_id and not secret:
        raise ConfigError("TEAMS_CLIENT_SECRET", "required with TEAMS_CLIENT_ID (the app's secret)")
    if secret and (len(secret) < 8 or any(c.isspace() for c in secret)):
        raise ConfigError("TEAMS_CLIENT_SECRET", "expected the client secret's value (no spaces)")
    if tenant and not _GUID.fullmatch(tenant):
        # Not a domain: activities name their tenant by its id, which must match this one.
        raise ConfigError("TEAMS_TENANT_ID", "expected the Microsoft Entra tenant id (a GUID)")
    if anonymous and client_id:
        raise ConfigError(
            "TEAMS_ANONYMOUS", "anonymous mode is for local testing without TEAMS_CLIENT_ID"
        )
    service_urls = tuple(
        url.strip() for url in get("TEAMS_SERVICE_URLS", "").split(",") if url.strip()
    )
    for url in service_urls:
        if not re.fullmatch(r"https?://[^\s/?#@]+/(?:[^\s?#]*)", url):
            raise ConfigError(
                "TEAMS_SERVICE_URLS",
                "expected service URLs such as https://connector.example.org/teams/, "
                "separated by commas",
            )
    return {
        "teams_client_id": client_id,
        "teams_client_secret": secret,
        "teams_tenant_id": tenant,
        "teams_anonymous": anonymous,
        "teams_service_urls": service_urls,
    }


_MATRIX_USER = re.compile(r"@[a-z0-9._=\-/+]+:[A-Za-z0-9.\-]+(?::\d{1,5})?")
_SERVER_NAME = re.compile(r"[A-Za-z0-9.\-]+(?::\d{1,5})?")


def _matrix_settings(get: Callable[[str, str], str]) -> dict[str, Any]:
    """MATRIX_* variables, checked together; returns the matching `Settings` fields."""
    homeserver = get("MATRIX_HOMESERVER", "").rstrip("/")
    if not homeserver:
        return {}
    if not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", homeserver):
        raise ConfigError(
            "MATRIX_HOMESERVER", "expected an address such as https://matrix.example.org"
        )
    user_id = get("MATRIX_USER_ID", "")
    if not _MATRIX_USER.fullmatch(user_id):
        raise ConfigError(
            "MATRIX_USER_ID", "expected the bot's Matrix id, such as @guildbot:example.org"
        )
    token, password = get("MATRIX_ACCESS_TOKEN", ""), get("MATRIX_PASSWORD", "")
    if not token and not password:
        raise ConfigError("MATRIX_ACCESS_TOKEN", "set it, or MATRIX_PASSWORD for the bot to log in")
    device_id = get("MATRIX_DEVICE_ID", "")
    if device_id and not re.fullmatch(r"[A-Za-z0-9_\-]{1,64}", device_id):
        raise ConfigError("MATRIX_DEVICE_ID", "expected a device id such as GUILDBOT01")
    encryption = get("MATRIX_ENCRYPTION", "on").lower()
    if encryption not in ("on", "off", "true", "false", "1", "0", "yes", "no"):
        raise ConfigError("MATRIX_ENCRYPTION", "expected on or off")
    on = encryption in ("on", "true", "1", "yes")
    # Without a key of its own, the device's keys are protected by GUILDBOT_SECRET_KEY; with
    # neither, by no secret at all (the adapter warns at start: anyone who reads the database
    # could then use the device).
    pickle_key = get("MATRIX_PICKLE_KEY", "") or get("GUILDBOT_SECRET_KEY", "")
    if pickle_key and len(pickle_key) < MIN_SECRET_KEY:
        raise ConfigError(
            "MATRIX_PICKLE_KEY",
            f"expected a random secret of at least {MIN_SECRET_KEY} characters: it encrypts "
            "the device's keys in the database (e.g. `openssl rand -hex 32`)",
        )
    servers = tuple(
        part.strip() for part in get("MATRIX_ALLOWED_SERVERS", "").split(",") if part.strip()
    )
    if any(not (_SERVER_NAME.fullmatch(server) or server == "*") for server in servers):
        raise ConfigError(
            "MATRIX_ALLOWED_SERVERS", "expected server names separated by commas, or *"
        )
    return {
        "matrix_homeserver": homeserver,
        "matrix_user_id": user_id,
        "matrix_access_token": token,
        "matrix_password": password,
        "matrix_device_id": device_id,
        "matrix_pickle_key": pickle_key,
        "matrix_encryption": on,
        "matrix_allowed_servers": servers,
    }


def _discord_settings(get: Callable[[str, str], str]) -> dict[str, Any]:
    """DISCORD_* variables, checked together; returns the matching `Settings` fields."""
    token = get("DISCORD_BOT_TOKEN", "")
    if token.lower().startswith("bot "):
        raise ConfigError("DISCORD_BOT_TOKEN", "expected the token alone, without 'Bot '")
    if token and not _DISCORD_TOKEN.fullmatch(token):
        raise ConfigError(
            "DISCORD_BOT_TOKEN",
            "expected the bot token from the Developer Portal (Bot -> Reset Token)",
        )
    count_text = get("DISCORD_SHARD_COUNT", "")
    ids_text = get("DISCORD_SHARD_IDS", "")
    if ids_text and not count_text:
        raise ConfigError("DISCORD_SHARD_COUNT", "required with DISCORD_SHARD_IDS")
    count = 1
    if count_text:
        if not count_text.isdigit() or not 1 <= int(count_text) <= MAX_DISCORD_SHARDS:
            raise ConfigError(
                "DISCORD_SHARD_COUNT", f"expected a whole number from 1 to {MAX_DISCORD_SHARDS}"
            )
        count = int(count_text)
    ids = _shard_ids(ids_text, count)
    channels: dict[str, str] = {}
    for item in filter(
        None, (part.strip() for part in get("DISCORD_INTRO_CHANNELS", "").split(","))
    ):
        guild, _, channel = (piece.strip() for piece in item.partition(":"))
        if not (_SNOWFLAKE.fullmatch(guild) and _SNOWFLAKE.fullmatch(channel)) or guild in channels:
            raise ConfigError(
                "DISCORD_INTRO_CHANNELS",
                "expected GUILD_ID:CHANNEL_ID pairs separated by commas, one per server",
            )
        channels[guild] = channel
    content = get("DISCORD_MESSAGE_CONTENT", "off").lower()
    if content not in ("on", "off", "true", "false", "1", "0", "yes", "no"):
        raise ConfigError("DISCORD_MESSAGE_CONTENT", "expected on or off")
    members = get("DISCORD_MEMBERS_INTENT", "off").lower()
    if members not in ("on", "off", "true", "false", "1", "0", "yes", "no"):
        raise ConfigError("DISCORD_MEMBERS_INTENT", "expected on or off")
    api_url = get("DISCORD_API_URL", DEFAULT_DISCORD_API_URL).rstrip("/")
    if not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", api_url):
        raise ConfigError(
            "DISCORD_API_URL", "expected an address such as https://discord.com/api/v10"
        )
    gateway_url = get("DISCORD_GATEWAY_URL", "")
    if gateway_url and not re.fullmatch(r"wss?://[^\s/?#]+(?:/[^\s?#]*)?", gateway_url):
        raise ConfigError("DISCORD_GATEWAY_URL", "expected an address such as wss://host/")
    return {
        "discord_bot_token": token,
        "discord_shard_count": count,
        "discord_shard_ids": ids,
        "discord_intro_channels": channels,
        "discord_message_content": content in ("on", "true", "1", "yes"),
        "discord_members_intent": members in ("on", "true", "1", "yes"),
        "discord_api_url": api_url,
        "discord_gateway_url": gateway_url,
    }


def _shard_ids(text: str, count: int) -> tuple[int, ...]:
    """DISCORD_SHARD_IDS: ``0,1,2`` or ranges ``0-3, 8``; each below the shard count, once."""
    ids: list[int] = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        low, dash, high = (piece.strip() for piece in item.partition("-"))
        if not low.isdigit() or (dash and not high.isdigit()):
            ids = []
            break
        ids.extend(range(int(low), int(high if dash else low) + 1))
    else:
        if len(set(ids)) == len(ids) and all(0 <= i < count for i in ids):
            return tuple(sorted(ids))
    raise ConfigError(
        "DISCORD_SHARD_IDS",
        f"expected shard numbers from 0 to {count - 1} such as 0,1 or 0-3, each once",
    )


_DURATION = re.compile(r"^\s*(\d{1,6})\s*([smhd])\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> timedelta | None:
    """ "90s", "15m", "2h", "1d" -> a timedelta; None when it is not one of those."""
    match = _DURATION.match(text)
    if match is None:
        return None
    return timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()])


def _days(get: Callable[[str, str], str], variable: str, default: int) -> timedelta:
    """A retention period in whole days (1 to 3650)."""
    days = _number(get(variable, str(default)), variable, 1, 3650)
    if days != int(days):
        raise ConfigError(variable, "expected a whole number of days from 1 to 3650")
    return timedelta(days=int(days))


def _duration(text: str, variable: str) -> timedelta:
    duration = parse_duration(text)
    if duration is None or not timedelta(0) < duration <= timedelta(days=30):
        raise ConfigError(variable, "expected a duration such as 90s, 15m, 2h or 1d (up to 30d)")
    return duration


SEND_RATE_PLATFORMS = ("slack", "discord", "teams", "matrix", "console")


def _send_rates(text: str) -> dict[str, float]:
    """GUILDBOT_SEND_RATE: ``slack=0.9, teams=7`` (messages per second per platform)."""
    problem = ConfigError(
        "GUILDBOT_SEND_RATE",
        "expected platform=messages-per-second pairs such as slack=0.9, teams=7 "
        f"(platforms: {', '.join(SEND_RATE_PLATFORMS)}; rates 0.1 to 1000)",
    )
    rates: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        platform, _, rate = item.partition("=")
        platform = platform.strip().lower()
        if platform not in SEND_RATE_PLATFORMS or platform in rates:
            raise problem
        try:
            value = float(rate)
        except ValueError:
            raise problem from None
        if not 0.1 <= value <= 1000:  # also refuses nan
            raise problem
        rates[platform] = value
    return rates


def _number(text: str, variable: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not low <= value <= high:
        raise ConfigError(variable, f"expected a number from {low:g} to {high:g}")
    return value


def is_valid_timezone(name: str) -> bool:
    """True when `name` is an IANA time zone this machine knows (e.g. ``Europe/Paris``)."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
