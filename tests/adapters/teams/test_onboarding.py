"""Teams onboarding: who joins a team is welcomed by name in each community channel of it,
and who installs the app for themselves is welcomed once in their own chat."""

from __future__ import annotations

from guildbot.app.build import Guildbot
from tests.adapters.fake_time import FakeTime
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import (
    ANA,
    ANA_TEAMS_ID,
    CY,
    CY_TEAMS_ID,
    TeamsRig,
    card_text,
    recorded,
    start_rig,
)

GENERAL = "19:general-accessibility@thread.tacv2"
DESIGN = "19:design-reviews@thread.tacv2"
PERSONAL_ID = recorded("personal_message", "x")["conversation"]["id"]
CY_ROSTER = {
    "id": CY_TEAMS_ID,
    "name": "Cy Diaz",
    "aadObjectId": CY,
    "userPrincipalName": "cy.diaz@example.org",
}


def _in_channel(channel: str) -> dict[str, object]:
    """Where a mention in `channel` (a top-level post) happened."""
    conversation = recorded("channel_mention", "x")["conversation"]
    return {"conversation": dict(conversation, id=f"{channel};messageid=1730556300000")}


async def _community_with_welcome(teams: TeamsRig, channel: str) -> None:
    where = _in_channel(channel)
    await teams.say("channel_mention", "<at>Guildbot</at> community create Accessibility", **where)
    await teams.say(
        "channel_mention", "<at>Guildbot</at> community welcome accessibility on", **where
    )


async def test_a_new_team_member_is_welcomed_by_the_name_in_the_teams_roster(
    teams: TeamsRig,
) -> None:
    await _community_with_welcome(teams, GENERAL)
    teams.mock.members[CY_TEAMS_ID] = CY_ROSTER
    # Teams names nobody in `membersAdded`: the name is the roster's.
    posts = await teams.say("member_added")
    [welcome] = [p for p in posts if p.conversation_id == GENERAL]
    assert "Welcome to **Accessibility**, Cy Diaz!" in card_text(welcome)
    assert "there" not in card_text(welcome)


async def test_a_community_linked_to_another_channel_of_the_team_welcomes_there(
    teams: TeamsRig,
) -> None:
    await _community_with_welcome(teams, DESIGN)
    teams.mock.members[CY_TEAMS_ID] = CY_ROSTER
    teams.mock.channels[GENERAL] = [{"id": GENERAL}, {"id": DESIGN, "name": "Design reviews"}]
    joined = recorded("member_added", teams.mock.service_url)  # Teams tells General only
    await teams.post(joined)
    [welcome] = teams.mock.posts[2:]
    assert welcome.conversation_id == DESIGN
    assert "Welcome to **Accessibility**, Cy Diaz!" in card_text(welcome)
    # Teams delivering the activity again: nothing twice.
    await teams.post(joined)
    assert len(teams.mock.posts) == 3


async def test_when_the_teams_channels_cannot_be_listed_general_still_welcomes(
    teams: TeamsRig,
) -> None:
    await _community_with_welcome(teams, GENERAL)
    teams.mock.members[CY_TEAMS_ID] = CY_ROSTER  # no channel list: the mock answers 404
    posts = await teams.say("member_added")
    assert [p.conversation_id for p in posts] == [GENERAL]


async def test_installing_the_app_for_yourself_is_welcomed_once(
    app: Guildbot, connector: MockConnector
) -> None:
    connector.members[ANA_TEAMS_ID] = {"id": ANA_TEAMS_ID, "name": "Ana Lima", "aadObjectId": ANA}
    rig = await start_rig(app, connector, clock=FakeTime())
    try:
        # Teams says it twice, as an installationUpdate and a conversationUpdate.
        first = await rig.say("personal_install")
        second = await rig.say("personal_bot_added")
    finally:
        await rig.close()
    [welcome] = first + second
    assert welcome.conversation_id == PERSONAL_ID
    # The core's own overview (what `help` answers), not words of the adapter's.
    assert "connects people who share a craft" in card_text(welcome)
    assert "`profile`" in card_text(welcome)
    # And how to have times shown in their own zone (there is no language setting yet).
    assert "`profile set timezone Europe/Paris`" in card_text(welcome)

    # Reinstalled, or after a restart (nothing cached): no second welcome.
    again = await start_rig(app, connector, clock=FakeTime())
    try:
        assert await again.say("personal_install", action="add") == []
        assert await again.say("personal_bot_added") == []
    finally:
        await again.close()


async def test_no_welcome_for_someone_who_already_chats_with_the_bot(teams: TeamsRig) -> None:
    await teams.say("personal_message", "expertise list")
    assert await teams.say("personal_install") == []


async def test_removing_the_app_says_nothing(teams: TeamsRig) -> None:
    assert await teams.say("personal_install", action="remove") == []
