"""With the dashboard off (the default), `dashboard` says how an operator turns it on."""

from tests.fakes import Harness


async def test_the_dashboard_is_off_unless_switched_on(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    assert "GUILDBOT_DASHBOARD=on" in await harness.text("ana", "dashboard")
    assert harness.app.dashboard is not None
    assert harness.app.dashboard.access is None
