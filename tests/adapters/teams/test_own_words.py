"""What the Teams adapter says itself is in the member's Teams language (the activity's
locale, remembered from their last activity): a press's acknowledgement, a button not ours,
the note that a private answer cannot reach them, and a fanned-out group's note. English
word for word as before otherwise (test_messages, test_proactive)."""

from __future__ import annotations

from guildbot.adapters.teams import cards
from guildbot.app.build import Guildbot
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.rich import say
from guildbot.contract.outbound import Button, ButtonStyle, Confirmation, OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import (
    ANA,
    CY,
    CY_TEAMS_ID,
    TENANT,
    TeamsRig,
    card_text,
    recorded,
    start_rig,
)
from tests.replies import Heard


async def test_a_french_client_s_press_is_acknowledged_in_french(
    app: Guildbot, connector: MockConnector
) -> None:
    rig = await start_rig(app, connector, dispatch=Heard())
    try:
        press = recorded(
            "card_submit",
            connector.service_url,
            type="invoke",
            name="adaptiveCard/action",
            locale="fr-CA",
            value={
                "action": {
                    "type": "Action.Execute",
                    "verb": "rsvp",
                    "data": {"guildbot": "rsvp", "value": "42:going"},
                }
            },
        )
        _, body = await rig.post(press)
        not_ours = dict(
            press,
            id="other",
            value={"action": {"type": "Action.Execute", "verb": "x", "data": {"y": 1}}},
        )
        _, refused = await rig.post(not_ours)
    finally:
        await rig.close()
    assert body["statusCode"] == 200 and body["value"] == "C'est noté."
    assert refused["statusCode"] == 400
    assert refused["value"]["message"] == "Ce bouton n'est pas un bouton de Guildbot."


async def test_a_private_answer_that_cannot_reach_a_french_member_is_explained_in_french(
    teams: TeamsRig,
) -> None:
    await teams.say("bot_added_to_team")
    cy_speaks = recorded(
        "channel_mention",
        teams.mock.service_url,
        text="<at>Guildbot</at> profil",
        entities=recorded("channel_mention", "x")["entities"][:1],
        locale="fr-CA",
    )
    cy_speaks["from"] = {"id": CY_TEAMS_ID, "name": "Cy Diaz", "aadObjectId": CY}
    teams.mock.not_installed.add(CY_TEAMS_ID)
    before = len(teams.mock.posts)
    await teams.post(cy_speaks)
    [notice] = teams.mock.posts[before:]
    text = card_text(notice)
    assert "J'ai une réponse privée pour vous" in text
    assert "(Applications → Guildbot → Ajouter)" in text


async def test_a_group_s_note_is_in_each_member_s_language(teams: TeamsRig) -> None:
    await teams.say("personal_message", "aide", locale="fr-CA")  # Ana, in French
    await teams.say("bot_added_to_team")
    await teams.say("member_added")  # Cy: never wrote, so English
    group = await teams.adapter.open_conversation(
        [MemberRef("teams", TENANT, ANA), MemberRef("teams", TENANT, CY)]
    )
    assert group.kind is ConversationKind.GROUP
    before = len(teams.mock.posts)
    await teams.adapter.send(OutboundMessage(group, say("☕ Café-rencontre")))
    to_ana, to_cy = (card_text(post) for post in teams.mock.posts[before:])
    assert "Aussi envoyé à un ou une collègue — [ouvrir une conversation de groupe" in to_ana
    assert "Also sent to Ana Lima — [open a group chat with all of you]" in to_cy


def _texts(value: object) -> list[str]:
    """Every TextBlock's text in a card, nested cards included."""
    if isinstance(value, dict):
        own = [str(value["text"])] if value.get("type") == "TextBlock" else []
        return own + [t for child in value.values() for t in _texts(child)]
    if isinstance(value, list):
        return [t for child in value for t in _texts(child)]
    return []


def test_a_card_s_own_words_are_in_its_reader_s_language() -> None:
    to = ConversationRef("teams", TENANT, "a:1personal", None, ConversationKind.DIRECT)
    erase = Button(
        "Effacer",
        "privacy.erase",
        "5",
        ButtonStyle.DANGER,
        Confirmation("Effacer vos données ?", "C'est définitif.", "Effacer", "Annuler"),
    )
    many = tuple(Button(f"Choix {n} " + "x" * 60, "a" * 40, f"{n}:" + "v" * 60) for n in range(150))
    message = OutboundMessage(to, say("Choisissez"), (erase, *many))
    french = cards.message_cards(message, cards.CardWords(CataloguePhrases(), "fr-CA"))
    english = cards.message_cards(message, cards.CardWords(CataloguePhrases(), None))
    assert len(french) > 1
    assert "(Appuyez de nouveau sur «\u00a0Effacer\u00a0» pour annuler.)" in _texts(french[0])
    assert "Plus de choix pour «\u00a0Choisissez\u00a0»\u00a0:" in _texts(french[1])
    assert "(Press “Effacer” again to annuler.)" in _texts(english[0])
    assert "More choices for “Choisissez”:" in _texts(english[1])
