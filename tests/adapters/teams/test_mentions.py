"""People are real Teams mentions: the bot's "X can help" notices carry an <at> mention
with its entity, so the name can be clicked (and the person notified)."""

from __future__ import annotations

from typing import Any

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.features.questions.buttons import ACTION_ACCEPT
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import ANA, BO, TENANT, card_text, recorded, start_rig
from tests.fakes import tick

BO_TEAMS_ID = "29:1BoChenTeamsUserId" + "X" * 64
BO_CHAT = {
    "conversationType": "personal",
    "tenantId": TENANT,
    "id": "a:1PersonalChatWithBo" + "X" * 80,
}
AS_BO: dict[str, Any] = {
    "from": {"id": BO_TEAMS_ID, "name": "Bo Chen", "aadObjectId": BO},
    "conversation": BO_CHAT,
}


async def test_x_can_help_notices_mention_the_people_they_name(
    app: Guildbot, connector: MockConnector, clock: ManualClock
) -> None:
    rig = await start_rig(app, connector)
    try:
        await rig.say("personal_message", "expertise add pdf accessibility", **AS_BO)
        await rig.say("personal_message", "ask How do I check the accessibility of a scanned PDF?")
        await tick(app, rig.adapter, clock)
        press = recorded(
            "card_submit", connector.service_url, value={"guildbot": ACTION_ACCEPT, "value": "1"}
        )
        await rig.post({**press, **AS_BO})
        before = len(connector.posts)
        await tick(app, rig.adapter, clock)
        posts = connector.posts[before:]
    finally:
        await rig.close()
    [news] = [post for post in posts if card_text(post).startswith("Good news")]
    assert news.card is not None
    assert card_text(news).startswith("Good news: <at>Bo Chen</at> can help with your question")
    assert news.card["msteams"]["entities"] == [
        {"type": "mention", "text": "<at>Bo Chen</at>", "mentioned": {"id": BO, "name": "Bo Chen"}}
    ]
    assert ANA not in str(news.card["msteams"]["entities"])
