"""Teams is HTTP only: Bot Framework calls `/api/messages`, there is nothing to stay
connected to, so `/healthz` reports it connected from start to stop."""

from __future__ import annotations

from tests.adapters.teams.rig import TeamsRig


async def test_teams_is_connected_from_start_to_stop(teams: TeamsRig) -> None:
    assert (await teams.adapter.connection()).connected
    await teams.adapter.stop()
    assert not (await teams.adapter.connection()).connected
