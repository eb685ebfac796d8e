"""Discord's members and what it says about them: with DISCORD_MEMBERS_INTENT on, someone
joining a server is welcomed by name in each of its channels whose community has a welcome
(and that they can see), and nowhere else; off, the intent is not asked for. Who acted is
named and given a language from what the interaction itself carries (display name or
nickname, the client's locale), with no REST lookup."""

from __future__ import annotations

from typing import Any

from guildbot.adapters.discord.adapter import DiscordAdapter, gateway_refusal
from guildbot.app.build import Guildbot
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.features import catalogue
from guildbot.storage.repositories.members import MemberRepository
from tests.adapters.discord.conftest import ANA, BO
from tests.adapters.discord.mock_discord import BOT_ID, GUILD, TOKEN, MockDiscord, user_payload
from tests.adapters.discord.rig import DiscordRig, command_data, interaction_payload, start_rig

LINKED = "800000000000000001"
HIDDEN = "800000000000000002"  # linked too, but only the bot's role may see it
UNLINKED = "800000000000000003"
VIEW_AND_SEND = 1024 | 2048
GUILD_MEMBERS = 1 << 1
BOT_ROLE = "930000000000000009"


def channel(channel_id: str, name: str, *, hidden: bool = False) -> dict[str, Any]:
    deny = [
        {"id": GUILD, "type": 0, "allow": "0", "deny": "1024"},
        {"id": BOT_ROLE, "type": 0, "allow": str(VIEW_AND_SEND), "deny": "0"},
    ]
    deny = deny if hidden else []
    return {
        "id": channel_id,
        "type": 0,
        "guild_id": GUILD,
        "name": name,
        "position": 0,
        "permission_overwrites": deny,
        "nsfw": False,
        "parent_id": None,
    }


def role(role_id: str, name: str, permissions: int) -> dict[str, Any]:
    return {
        "id": role_id,
        "name": name,
        "permissions": str(permissions),
        "position": 0 if role_id == GUILD else 1,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def guild_payload() -> dict[str, Any]:
    """The server as GUILD_CREATE describes it: three text channels, the bot a member."""
    return {
        "id": GUILD,
        "name": "Guild of Practice",
        "icon": None,
        "owner_id": "100000000000000099",
        "preferred_locale": "en-GB",
        "features": [],
        "emojis": [],
        "stickers": [],
        "roles": [role(GUILD, "@everyone", VIEW_AND_SEND), role(BOT_ROLE, "Guildbot", 0)],
        "channels": [
            channel(LINKED, "accessibility"),
            channel(HIDDEN, "data-science", hidden=True),
            channel(UNLINKED, "random"),
        ],
        "members": [
            {
                "user": user_payload(BOT_ID, "Guildbot", bot=True),
                "roles": [BOT_ROLE],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        ],
        "member_count": 2,
        "threads": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "unavailable": False,
        "large": False,
        "joined_at": "2026-01-01T00:00:00+00:00",
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "premium_tier": 0,
        "nsfw_level": 0,
        "system_channel_id": None,
    }


async def set_up_communities(rig: DiscordRig) -> None:
    """Two communities with a welcome, each linked to the channel it was created in."""
    for where, name in ((LINKED, "Accessibility"), (HIDDEN, "Data")):
        await rig.command(
            "guild", {"command": f"community create {name}"}, guild=GUILD, channel=where
        )
        await rig.command(
            "guild", {"command": f"community welcome {name} on"}, guild=GUILD, channel=where
        )


async def test_someone_joining_the_server_is_welcomed_where_a_community_lives(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    rig = await start_rig(mock_discord, app, connect_gateway=True, members_intent=True)
    try:
        [identify] = await mock_discord.wait_identified()
        await set_up_communities(rig)
        await mock_discord.dispatch("GUILD_CREATE", guild_payload())
        await mock_discord.dispatch(
            "GUILD_MEMBER_ADD",
            {
                "guild_id": GUILD,
                "user": mock_discord.users[BO],
                "nick": None,
                "roles": [],
                "joined_at": "2026-12-07T10:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            },
        )
        [welcome] = await mock_discord.wait_for("POST", rf"/channels/{LINKED}/messages")
        await rig.adapter.drain()
    finally:
        await rig.close()
    assert identify["intents"] & GUILD_MEMBERS
    assert "Bo Chen" in welcome.body["content"] and "Accessibility" in welcome.body["content"]
    # Not in the channel they cannot see, nor in one without a community.
    assert mock_discord.requests("POST", rf"/channels/({HIDDEN}|{UNLINKED})/messages") == []
    assert mock_discord.requests("GET", rf"/users/{BO}") == []  # the join named them


async def test_without_the_setting_the_members_intent_is_not_asked_for(
    mock_discord: MockDiscord,
) -> None:
    rig = await start_rig(mock_discord, dispatch=_nothing, connect_gateway=True)
    try:
        [identify] = await mock_discord.wait_identified()
    finally:
        await rig.close()
    assert not identify["intents"] & GUILD_MEMBERS


def test_a_refused_members_intent_is_named_in_the_one_line() -> None:
    adapter = DiscordAdapter(
        bot_token=TOKEN, commands=catalogue(), phrases=CataloguePhrases(), members_intent=True
    )
    line = gateway_refusal(4014, adapter.privileged())
    assert "enable the Server Members intent" in line and "DISCORD_MEMBERS_INTENT=off" in line
    both = DiscordAdapter(
        bot_token=TOKEN,
        commands=catalogue(),
        phrases=CataloguePhrases(),
        members_intent=True,
        message_content=True,
    )
    line = gateway_refusal(4014, both.privileged())
    assert "Message Content and Server Members intents" in line


async def test_who_acted_is_named_and_given_a_language_from_the_interaction(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    rig = await start_rig(mock_discord, app)
    try:
        # A member with no Discord-wide display name, known here by a nickname, in a
        # British English client.
        legacy = {**user_payload(ANA, "ana"), "global_name": None}
        payload = interaction_payload(
            "970000000000000101",
            user=legacy,
            channel_id=LINKED,
            guild_id=GUILD,
            interaction_type=2,
            data=command_data("guild", {"command": "help"}),
        )
        payload["member"]["nick"] = "Ana L."
        payload["locale"] = "en-GB"
        payload["guild_locale"] = "fr"
        rig.adapter.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        await rig._settle()
        # Someone else, in their DM with the bot, in an American English client.
        await rig.command("guild", {"command": "help"}, user=BO, channel="800000000000000042")
    finally:
        await rig.close()
    async with app.database.transaction() as session:
        ana = await MemberRepository(session).by_identity("discord", "discord", ANA)
        bo = await MemberRepository(session).by_identity("discord", "discord", BO)
    assert ana is not None and (ana.display_name, ana.locale) == ("Ana L.", "en-GB")
    assert bo is not None and (bo.display_name, bo.locale) == ("Bo Chen", "en-US")
    assert mock_discord.requests("GET", r"/users/\d+") == []


async def _nothing(event: Any) -> Any:
    raise AssertionError("no event expected")
