"""Ask → the expert's private "can you help?" → they reply 1 → the asker is told who helps,
on a real Synapse with encrypted rooms throughout: the invitation opens (or finds) the
expert's direct room, and the good news names the expert with a pill."""

from __future__ import annotations

from guildbot.app.build import Guildbot
from tests.adapters.matrix.conftest import MemberFactory
from tests.adapters.matrix.rig import answers_to, direct_room, first_since, running_bot
from tests.adapters.matrix.synapse import Synapse

QUESTION = "ask How do I check the accessibility of a scanned PDF for screen readers?"


async def test_a_question_reaches_the_expert_who_says_yes_with_a_number(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana, lea = await member("ana"), await member("lea")
    async with running_bot(app, synapse) as bot:
        leas_own = await direct_room(lea, bot)
        mark = lea.mark()
        await lea.send_text(leas_own, "expertise add pdf accessibility, accessibility")
        assert await answers_to(lea, leas_own, bot, mark)
        room = await direct_room(ana, bot)
        mark = ana.mark()
        await ana.send_text(room, QUESTION)
        asked = await answers_to(ana, room, bot, mark)
        assert asked, "Ana's question got no answer"

        ticker = app.ticker([bot.adapter])
        lea_mark = lea.mark()
        await ticker.tick()  # the invitation goes out through the outbox
        invitation = await first_since(lea, lea_mark, lambda e: "org.guildbot.choices" in e.content)
        assert invitation.encrypted and "PDF" in (invitation.body or "")
        choices = invitation.content["org.guildbot.choices"]["options"]
        assert [c["label"] for c in choices] == ["I can help", "Not me", "Suggest someone"]

        mark = lea.mark()
        await lea.send_text(invitation.room_id, "1")
        thanks = await answers_to(lea, invitation.room_id, bot, mark)
        assert thanks
        # The invitation was settled: edited, its choices replaced by what Lea chose.
        edit = await first_since(
            lea, lea_mark, lambda e: (e.relates_to or {}).get("rel_type") == "m.replace"
        )
        assert edit.relates_to is not None and edit.relates_to["event_id"] == invitation.event_id
        assert "I can help" in edit.content["m.new_content"]["body"]
        assert "org.guildbot.choices" not in edit.content["m.new_content"]

        ana_mark = ana.mark()
        await ticker.tick()  # Ana hears who can help, in her direct room, with Lea's pill
        connected = await first_since(ana, ana_mark, lambda e: "can help" in (e.body or ""))
        assert connected.room_id == room and connected.encrypted
        assert connected.mentions == {"user_ids": [lea.user_id]}
        assert f'href="https://matrix.to/#/{lea.user_id}"' in (connected.formatted_body or "")
