"""A real Synapse homeserver for the Matrix adapter's tests: started on 127.0.0.1 at a free port
in a directory of its own (SQLite, its own signing key, no federation), with accounts made
through the shared-secret admin registration.

Synapse runs from the venv that `make .venv/.synapse` builds beside ours (it pins its own
Twisted, attrs, pydantic…), so it is a process we talk HTTP to, never a library we import.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import unpaddedbase64
import yaml

from tests.adapters.processes import environment, free_port

REPOSITORY = Path(__file__).resolve().parents[3]
SYNAPSE_PYTHON = REPOSITORY / ".venv" / "synapse" / "bin" / "python"
MAKE_TARGET = "make .venv/.synapse"
SERVER_NAME = "guild.test"
START_TIMEOUT = 90.0
STOP_TIMEOUT = 20.0
DEFAULT_PASSWORD = "correct horse battery staple"
# Far above anything a test does, so that only a test that asks for a limit meets one.
UNTHROTTLED = {"per_second": 10_000, "burst_count": 10_000}
RATE_LIMITS = (
    "rc_message",
    "rc_registration",
    "rc_joins_per_room",
    "rc_key_requests",
    "rc_3pid_validation",
    "rc_third_party_invite",
    "rc_room_creation",
    "rc_reports",
    "rc_user_directory",
    "rc_profile",
    "rc_media_create",
    "rc_delayed_event_mgmt",
    "rc_admin_redaction",
)
NESTED_RATE_LIMITS = {
    "rc_login": ("address", "account", "failed_attempts"),
    "rc_joins": ("local", "remote"),
    "rc_invites": ("per_room", "per_user", "per_issuer"),
    "rc_presence": ("per_user",),
}


class SynapseError(RuntimeError):
    """Synapse would not start, or refused a request the harness made."""


@dataclass(frozen=True)
class Account:
    """A registered user and one logged-in device of theirs."""

    user_id: str
    access_token: str
    device_id: str
    password: str
    homeserver: str

    @property
    def localpart(self) -> str:
        return self.user_id[1:].split(":", 1)[0]


@dataclass
class Synapse:
    """A running homeserver: where it answers, and the admin calls the tests need."""

    server_name: str
    url: str
    directory: Path
    registration_secret: str
    process: subprocess.Popen[bytes]
    startup_seconds: float = 0.0
    _admin: Account | None = field(default=None, repr=False)
    _names: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def log_path(self) -> Path:
        return self.directory / "homeserver.log"

    def user_id(self, localpart: str) -> str:
        return f"@{localpart}:{self.server_name}"

    def fresh_localpart(self, prefix: str) -> str:
        """`prefix` the first time, then `prefix-2`, `prefix-3`…: one server serves the whole
        session, and a user can be registered only once on it."""
        count = self._names.get(prefix, 0) + 1
        self._names[prefix] = count
        return prefix if count == 1 else f"{prefix}-{count}"

    async def register(
        self, localpart: str, *, admin: bool = False, password: str = DEFAULT_PASSWORD
    ) -> Account:
        """Register `localpart` through the shared-secret admin API (a nonce, then an HMAC-SHA1
        over nonce, user, password and admin flag) and return its first device."""
        async with aiohttp.ClientSession() as session:
            nonce = (await self._request(session, "GET", "/_synapse/admin/v1/register"))["nonce"]
            mac = hmac.new(self.registration_secret.encode(), digestmod=hashlib.sha1)
            mac.update(b"\x00".join((nonce.encode(), localpart.encode(), password.encode())))
            mac.update(b"\x00admin" if admin else b"\x00notadmin")
            body = {
                "nonce": nonce,
                "username": localpart,
                "password": password,
                "admin": admin,
                "mac": mac.hexdigest(),
            }
            reply = await self._request(session, "POST", "/_synapse/admin/v1/register", body)
        return Account(
            user_id=reply["user_id"],
            access_token=reply["access_token"],
            device_id=reply["device_id"],
            password=password,
            homeserver=self.url,
        )

    async def login(self, account: Account, *, device_name: str = "guildbot tests") -> Account:
        """Another device for `account` (a password login): a bot restarted on a new device."""
        body = {
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": account.user_id},
            "password": account.password,
            "initial_device_display_name": device_name,
        }
        async with aiohttp.ClientSession() as session:
            reply = await self._request(session, "POST", "/_matrix/client/v3/login", body)
        return Account(
            user_id=reply["user_id"],
            access_token=reply["access_token"],
            device_id=reply["device_id"],
            password=account.password,
            homeserver=self.url,
        )

    async def limit_messages(self, user_id: str, *, per_second: int, burst_count: int) -> None:
        """Give one user their own rc_message limit (the admin API's per-user override, whole
        numbers only: 1 a second is its slowest), so a test can make the server answer
        M_LIMIT_EXCEEDED without throttling everyone else."""
        admin = await self._admin_account()
        path = f"/_synapse/admin/v1/users/{user_id}/override_ratelimit"
        body = {"messages_per_second": per_second, "burst_count": burst_count}
        async with aiohttp.ClientSession() as session:
            await self._request(session, "POST", path, body, token=admin.access_token)

    async def _admin_account(self) -> Account:
        if self._admin is None:
            self._admin = await self.register(self.fresh_localpart("harness-admin"), admin=True)
        return self._admin

    async def _request(
        self,
        session: aiohttp.ClientSession,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        token: str | None = None,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with session.request(method, self.url + path, json=body, headers=headers) as reply:
            answer: dict[str, Any] = await reply.json(content_type=None)
            if reply.status != 200:
                raise SynapseError(f"{method} {path}: HTTP {reply.status} {answer}")
            return answer

    def stop(self) -> None:
        """Terminate Synapse and wait for it (killed if it does not go in time)."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def signing_key() -> str:
    """A Synapse signing key file's line: any 32 random bytes are an ed25519 seed."""
    seed = unpaddedbase64.encode_base64(secrets.token_bytes(32))
    return f"ed25519 a_{secrets.token_hex(2)} {seed}\n"


def homeserver_config(
    directory: Path,
    port: int,
    *,
    server_name: str,
    registration_secret: str,
    message_rate: float | None,
    message_burst: int,
) -> dict[str, Any]:
    """The least homeserver.yaml that runs: one client listener on loopback, SQLite, no
    federation, no stats, rate limits out of the way unless `message_rate` is given."""
    url = f"http://127.0.0.1:{port}"
    config: dict[str, Any] = {
        "server_name": server_name,
        "public_baseurl": f"{url}/",
        "pid_file": str(directory / "homeserver.pid"),
        "listeners": [
            {
                "port": port,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": {"name": "sqlite3", "args": {"database": str(directory / "homeserver.db")}},
        "log_config": str(directory / "log.yaml"),
        "media_store_path": str(directory / "media"),
        "signing_key_path": str(directory / "signing.key"),
        "registration_shared_secret": registration_secret,
        "macaroon_secret_key": secrets.token_hex(32),
        "form_secret": secrets.token_hex(32),
        "report_stats": False,
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "enable_metrics": False,
        "url_preview_enabled": False,
        "presence": {"enabled": False},
        "bcrypt_rounds": 4,  # the least bcrypt takes: registering is hashing a password
    }
    for name in RATE_LIMITS:
        config[name] = dict(UNTHROTTLED)
    for name, parts in NESTED_RATE_LIMITS.items():
        config[name] = {part: dict(UNTHROTTLED) for part in parts}
    if message_rate is not None:
        config["rc_message"] = {"per_second": message_rate, "burst_count": message_burst}
    return config


def log_config(log_path: Path) -> dict[str, Any]:
    """Warnings and worse to a file: read back when Synapse fails to start."""
    return {
        "version": 1,
        "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}},
        "handlers": {
            "file": {
                "class": "logging.FileHandler",
                "formatter": "plain",
                "filename": str(log_path),
                "encoding": "utf8",
            }
        },
        "root": {"level": "WARNING", "handlers": ["file"]},
        "disable_existing_loggers": False,
    }


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return f"({path.name} was not written)"


def answers(url: str) -> bool:
    """Whether the client API answers /versions (proxies bypassed: it is on loopback)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/_matrix/client/versions", timeout=2) as reply:
            return int(reply.status) == 200 and "versions" in json.loads(reply.read())
    except (urllib.error.URLError, OSError, ValueError):
        return False


def launch_synapse(
    directory: Path,
    *,
    server_name: str = SERVER_NAME,
    message_rate: float | None = None,
    message_burst: int = 1,
) -> Synapse:
    """Write the configuration into `directory`, start Synapse and return once its client API
    answers; raise SynapseError with the end of its logs if it exits or does not answer."""
    if not SYNAPSE_PYTHON.exists():
        raise SynapseError(
            f"Synapse is not installed at {SYNAPSE_PYTHON}: run `{MAKE_TARGET}` "
            "(the Matrix adapter's tests need a real homeserver)"
        )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "media").mkdir(exist_ok=True)
    port = free_port()
    secret = secrets.token_hex(32)
    config = homeserver_config(
        directory,
        port,
        server_name=server_name,
        registration_secret=secret,
        message_rate=message_rate,
        message_burst=message_burst,
    )
    config_path = directory / "homeserver.yaml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    (directory / "log.yaml").write_text(yaml.safe_dump(log_config(directory / "homeserver.log")))
    (directory / "signing.key").write_text(signing_key())
    output_path = directory / "synapse.out"
    started = time.monotonic()
    with output_path.open("wb") as output:
        process = subprocess.Popen(
            [str(SYNAPSE_PYTHON), "-m", "synapse.app.homeserver", "-c", str(config_path)],
            cwd=directory,
            env=environment(),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    synapse = Synapse(
        server_name=server_name,
        url=f"http://127.0.0.1:{port}",
        directory=directory,
        registration_secret=secret,
        process=process,
    )
    while not answers(synapse.url):
        waited = time.monotonic() - started
        if process.poll() is not None or waited > START_TIMEOUT:
            synapse.stop()
            why = (
                f"exited with {process.returncode}"
                if process.returncode is not None and waited <= START_TIMEOUT
                else f"did not answer within {START_TIMEOUT:.0f} s"
            )
            raise SynapseError(
                f"Synapse {why} ({directory}).\n"
                f"--- its output:\n{tail(output_path)}\n"
                f"--- homeserver.log:\n{tail(synapse.log_path)}"
            )
        time.sleep(0.1)
    synapse.startup_seconds = time.monotonic() - started
    return synapse


@contextmanager
def running_synapse(
    directory: Path, *, message_rate: float | None = None, message_burst: int = 1
) -> Iterator[Synapse]:
    """Synapse for the length of a `with` block (the session fixture's, outside any loop)."""
    synapse = launch_synapse(directory, message_rate=message_rate, message_burst=message_burst)
    try:
        yield synapse
    finally:
        synapse.stop()


@asynccontextmanager
async def start_synapse(
    directory: Path, *, message_rate: float | None = None, message_burst: int = 1
) -> AsyncIterator[Synapse]:
    """A Synapse of a test's own, e.g. one whose rc_message (`message_rate` events a second
    after a burst of `message_burst`) makes it answer M_LIMIT_EXCEEDED; started and stopped
    in a thread so the test's event loop keeps running."""
    synapse = await asyncio.to_thread(
        launch_synapse, directory, message_rate=message_rate, message_burst=message_burst
    )
    try:
        yield synapse
    finally:
        await asyncio.to_thread(synapse.stop)
