"""`guildbot run` with MATRIX_* set (no more than the homeserver, the account, its password
and device), against the real Synapse: it logs in with the password, syncs, answers a
member's encrypted direct message, and stops cleanly on SIGTERM; a second instance on the
same account stands by without answering."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from tests.adapters.matrix.conftest import MemberFactory
from tests.adapters.matrix.synapse import Account, Synapse
from tests.adapters.processes import (
    environment,
    free_port,
    kill_if_running,
    launch,
    stop,
    wait_until_healthy,
)


def matrix_environment(account: Account, database_url: str, port: int, name: str) -> dict[str, str]:
    return environment(
        MATRIX_HOMESERVER=account.homeserver,
        MATRIX_USER_ID=account.user_id,
        MATRIX_PASSWORD=account.password,
        MATRIX_DEVICE_ID="GUILDBOTRUN",
        GUILDBOT_HTTP_PORT=str(port),
        GUILDBOT_DATABASE_URL=database_url,
        GUILDBOT_INSTANCE_NAME=name,
        GUILDBOT_LEASE_SECONDS="15",
    )


async def test_guildbot_run_serves_matrix_and_stops_on_sigterm(
    synapse: Synapse, member: MemberFactory, database_url: str, tmp_path: Path
) -> None:
    account = await synapse.register(synapse.fresh_localpart("guildbot"))
    ana = await member("ana")
    port, other_port = free_port(), free_port()
    process = await launch(matrix_environment(account, database_url, port, "first"), tmp_path)
    standby = None
    try:
        async with aiohttp.ClientSession() as session:
            await wait_until_healthy(session, f"http://127.0.0.1:{port}/healthz", process)
            standby = await launch(
                matrix_environment(account, database_url, other_port, "second"), tmp_path
            )
            await wait_until_healthy(session, f"http://127.0.0.1:{other_port}/healthz", standby)
        room = await ana.create_room(invite=[account.user_id], encrypted=True, direct=True)
        await ana.wait_for_membership(room, account.user_id, within=30)
        mark = ana.mark()
        await ana.send_text(room, "help")
        answer = await ana.next_message(room, sender=account.user_id, within=30)
        assert answer.encrypted and (answer.body or "").startswith("*Guildbot*")
        await asyncio.sleep(2)  # the standby would have answered by now
        answers = [e for e in ana.messages_since(mark) if e.sender == account.user_id]
        assert len(answers) == 1
        _out, standby_log = await stop(standby)
        stdout, log = await stop(process)
    finally:
        await kill_if_running(process)
        if standby is not None:
            await kill_if_running(standby)
    assert process.returncode == 0, log
    assert "matrix syncing user=" in log and "device=GUILDBOTRUN" in log
    assert "standing by" in standby_log
    assert "received SIGTERM; stopping" in log and "guildbot stopped" in log
    assert account.password not in log and "Traceback" not in log
    # Only what the platform needs was set: the device's keys are kept, and that is said.
    assert "matrix device keys are stored without a secret" in log
    assert stdout == b""
