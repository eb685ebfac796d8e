"""How a member plays the shared scenario on Matrix: lines typed in their (encrypted) direct
room with the bot, choices answered by replying with the number."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from guildbot.app.build import Guildbot
from tests.adapters.matrix.members import Member
from tests.adapters.matrix.rig import answer_of, answers_to, direct_room, running_bot
from tests.adapters.matrix.synapse import Synapse
from tests.scenario import MEMBER_NAME, Answer, PlayStep, Press, Say, Step, read


@asynccontextmanager
async def player(
    app: Guildbot, synapse: Synapse, *, encrypted: bool = True
) -> AsyncIterator[PlayStep]:
    """The real Matrix adapter over `app`, on the test Synapse; the member is a real client."""
    account = await synapse.register(synapse.fresh_localpart("ana"))
    ana = Member(account, encryption=encrypted)
    await ana.start()
    await ana.client.set_displayname(MEMBER_NAME)
    try:
        async with running_bot(app, synapse, encryption=encrypted) as bot:
            room = await direct_room(ana, bot, encrypted=encrypted)
            last_choices: list[int] = []

            async def step_through(step: Step) -> list[Answer]:
                mark = ana.mark()
                if isinstance(step, Press):
                    await ana.send_text(room, str(last_choices[step.choice - 1]))
                else:
                    assert isinstance(step, Say)
                    await ana.send_text(room, step.text)
                events = await answers_to(ana, room, bot, mark)
                return read(events, answer_of, last_choices)

            yield step_through
    finally:
        await ana.stop()
