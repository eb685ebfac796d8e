"""PostgreSQL URLs as operators write them (libpq's sslmode, sslrootcert, sslcert, sslkey,
connect_timeout, application_name): turned into asyncpg's connect arguments, and anything
that cannot be used refused in one line naming the variable (exit 2)."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from guildbot.storage.engine import (
    CONNECT_TIMEOUT_SECONDS,
    DatabaseUnavailable,
    check_connection,
    create_engine,
    postgres_options,
)
from tests.adapters.processes import free_port
from tests.cli import guildbot
from tests.conftest import POSTGRES_URL

BASE = "postgresql+asyncpg://guildbot@db.example.org:5432/guildbot"


def options(query: str) -> dict[str, object]:
    bare, args = postgres_options(make_url(f"{BASE}?{query}" if query else BASE))
    assert bare.query == {}
    return args


def test_libpq_modes_become_asyncpg_ssl_and_the_timeout_is_bounded() -> None:
    assert options("") == {"timeout": CONNECT_TIMEOUT_SECONDS}
    for mode in ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"):
        assert options(f"sslmode={mode}")["ssl"] == mode
    assert options("ssl=require")["ssl"] == "require"
    assert options("connect_timeout=3")["timeout"] == 3.0
    assert options("application_name=guildbot-a")["server_settings"] == {
        "application_name": "guildbot-a"
    }


def test_certificate_files_make_a_context_that_checks_what_the_mode_says(
    tmp_path: Path,
) -> None:
    root = tmp_path / "root.pem"
    root.write_text(_any_ca_bundle(), encoding="utf-8")
    full = options(f"sslmode=verify-full&sslrootcert={root}")["ssl"]
    assert isinstance(full, ssl.SSLContext)
    assert full.check_hostname and full.verify_mode == ssl.CERT_REQUIRED
    chain = options(f"sslmode=verify-ca&sslrootcert={root}")["ssl"]
    assert isinstance(chain, ssl.SSLContext)
    assert not chain.check_hostname and chain.verify_mode == ssl.CERT_REQUIRED
    required = options(f"sslmode=require&sslrootcert={root}")["ssl"]
    assert isinstance(required, ssl.SSLContext) and required.verify_mode == ssl.CERT_REQUIRED


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("sslmode=bogus", "sslmode must be one of"),
        ("sslmode=require&sslmode=disable", "more than once"),
        ("sslmode=verify-full&sslrootcert=/no/such/root.pem", "No such file or directory"),
        ("sslmode=disable&sslrootcert=/etc/hostname", "cannot be combined"),
        ("sslkey=/etc/hostname", "sslkey needs sslcert"),
        ("connect_timeout=soon", "connect_timeout must be"),
        ("connect_timeout=0", "connect_timeout must be"),
        ("target_session_attrs=read-write", "unknown option 'target_session_attrs'"),
    ],
)
def test_what_cannot_be_used_is_one_clear_line(query: str, says: str) -> None:
    with pytest.raises(DatabaseUnavailable, match=says) as refused:
        options(query)
    assert "\n" not in str(refused.value)


@given(st.dictionaries(st.text(min_size=1, max_size=12), st.text(max_size=30), max_size=4))
def test_any_query_is_used_or_refused_never_a_crash(query: dict[str, str]) -> None:
    url = make_url(BASE).set(query=query)
    try:
        postgres_options(url)
    except DatabaseUnavailable as refused:
        assert "\n" not in str(refused)


def _any_ca_bundle() -> str:
    """A real CA certificate in PEM (the system's bundle, else Python's)."""
    for path in ("/etc/ssl/certs/ca-certificates.crt", ssl.get_default_verify_paths().cafile):
        if path and Path(path).exists():
            return Path(path).read_text(encoding="utf-8")
    pytest.skip("no CA bundle on this machine")


@pytest.fixture
async def silent_server() -> AsyncIterator[int]:
    """A port that accepts connections and never says anything (a hung PostgreSQL)."""
    held: list[asyncio.StreamWriter] = []

    async def accept(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(accept, "127.0.0.1", free_port())
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield int(port)
        for writer in held:
            writer.close()


async def test_a_database_that_does_not_answer_is_said_to_in_time(silent_server: int) -> None:
    engine = create_engine(
        f"postgresql://guildbot@127.0.0.1:{silent_server}/guildbot?connect_timeout=1&sslmode=disable"
    )
    try:
        with pytest.raises(DatabaseUnavailable, match="did not answer in time"):
            await check_connection(engine)
    finally:
        await engine.dispose()


def test_the_cli_says_one_line_and_exits_2(tmp_path: Path) -> None:
    for query in ("sslmode=bogus", "sslmode=verify-full&sslrootcert=/no/such.pem", "foo=1"):
        url = f"postgresql://postgres@127.0.0.1:5432/test?{query}"
        result = guildbot(tmp_path, "db", "current", env={"GUILDBOT_DATABASE_URL": url})
        assert result.returncode == 2, result.stderr
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("guildbot: GUILDBOT_DATABASE_URL: cannot use the database: ")


@pytest.mark.skipif(not POSTGRES_URL, reason="run with GUILDBOT_TEST_DATABASE_URL")
async def test_a_server_is_reached_with_libpq_options() -> None:
    preferring = create_engine(f"{POSTGRES_URL}?sslmode=prefer&application_name=guildbot-test")
    try:
        await check_connection(preferring)
    finally:
        await preferring.dispose()
