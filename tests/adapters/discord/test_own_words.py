"""What the Discord adapter says itself is in the language of the member's Discord client
(the interaction's locale): a confirmation the core gave no words for, its Cancel, the note
that nothing changed, and the apology when the core fails. English as before otherwise."""

from __future__ import annotations

from guildbot.contract.adapter import Replies
from guildbot.contract.inbound import InboundEvent
from guildbot.contract.refs import ConversationKind
from tests.adapters.discord.conftest import ANA, BO
from tests.adapters.discord.mock_discord import INTRO_CHANNEL, MockDiscord
from tests.adapters.discord.rig import content_of, start_rig
from tests.adapters.discord.test_outbound import member, recording_rig


async def test_a_confirmation_without_the_core_s_words_is_asked_and_cancelled_in_french(
    mock_discord: MockDiscord,
) -> None:
    rig, events = await recording_rig(mock_discord)  # no confirmations known
    try:
        [ask] = await rig.press("gb?privacy.erase:5", "Effacer", user=ANA, locale="fr")
        buttons = ask.body["data"]["components"][0]["components"]
        assert content_of(ask) == "**Effacer\u00a0?** Veuillez confirmer."
        assert [(b["label"], b["custom_id"]) for b in buttons] == [
            ("Effacer", "gb:privacy.erase:5"),
            ("Annuler", "gbx:"),
        ]
        [cancelled] = await rig.press(
            "gbx:", "Annuler", user=ANA, content=content_of(ask), others=("Effacer",), locale="fr"
        )
        assert content_of(cancelled) == (
            "**Effacer\u00a0?** Veuillez confirmer.\n-# D'accord — rien n'a été changé."
        )
    finally:
        await rig.close()
    assert not events


async def test_the_same_in_english_reads_as_before(mock_discord: MockDiscord) -> None:
    rig, _ = await recording_rig(mock_discord)
    try:
        [ask] = await rig.press("gb?privacy.erase:5", "", user=ANA, locale="en-GB")
        assert content_of(ask) == "**Do this?** Please confirm."
        labels = [b["label"] for b in ask.body["data"]["components"][0]["components"]]
        assert labels == ["Yes", "Cancel"]
    finally:
        await rig.close()


async def test_when_the_core_fails_the_apology_is_in_the_client_s_language(
    mock_discord: MockDiscord,
) -> None:
    async def broken(event: InboundEvent) -> Replies:
        raise RuntimeError("the database is gone")

    rig = await start_rig(mock_discord, dispatch=broken)
    try:
        [french] = await rig.command("guild", {"command": "aide"}, locale="fr")
        [english] = await rig.command("guild", {"command": "help"}, locale="en-US")
        [other] = await rig.command("guild", {"command": "help"}, locale="de")
    finally:
        await rig.close()
    assert content_of(french) == "Désolé, un problème est survenu de mon côté."
    assert content_of(english) == "Sorry, something went wrong on my side."
    assert content_of(other) == "Sorry, something went wrong on my side."  # the default


async def test_a_group_s_thread_is_named_in_the_language_its_members_all_read(
    mock_discord: MockDiscord,
) -> None:
    rig, _ = await recording_rig(mock_discord)
    try:
        for user in (ANA, BO):  # both seen with a French client
            await rig.command("guild", {"command": "aide"}, user=user, locale="fr")
        french = await rig.adapter.open_conversation([member(ANA), member(BO)])
        await rig.command("guild", {"command": "help"}, user=BO, locale="en-GB")
        mixed = await rig.adapter.open_conversation([member(ANA), member(BO)])
    finally:
        await rig.close()
    first, second = mock_discord.requests("POST", rf"/channels/{INTRO_CHANNEL}/threads")
    assert first.body["name"] == "Présentations Guildbot\u00a0: Ana Lima, Bo Chen"
    assert second.body["name"] == "Guildbot intro: Ana Lima, Bo Chen"  # the default
    assert french.kind is mixed.kind is ConversationKind.GROUP
