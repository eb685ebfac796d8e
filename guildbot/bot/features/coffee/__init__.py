"""Coffee intros: members opt in, rounds form small groups across departments that have not
met, an intro opens their conversation, and a follow-up asks how it went.

The package, one job a module:

- `commands`: the `coffee` command's specs; `buttons`: the action ids and the typed value
  each kind of button carries.
- Handlers, by what they are about: `taking_part` (join, leave, snooze, never, status, and
  the buttons of intros and per-round questions), `follow_ups` (answers to follow-ups,
  `coffee history`), `running` (setup, settings, pause, resume, preview, re-roll) and
  `stats` (with `figures`, what it counts). `programs` finds the program a command means.
- Rounds: `rounds` is the scheduler's occurrence owner; `forming` is what groups are formed
  from (also for previews); `schedule` turns a cadence into a schedule; `keys` names what
  rounds queue.
- State machines, pure: `participants` (active, snoozed, left; the streak of ignored intros)
  and `lifecycle` (a round: scheduled, formed, introduced, skipped or missed) return
  `effects`, which `executor` applies in the unit of work.
- Copy: `copy` (members, and what all copy shares), `facilitator_copy` and `round_copy`
  (what rounds queue) write every message; `options` reads what facilitators type.

Queries live in `storage.repositories.coffee`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TypeVar

from guildbot.bot.context import Context, Reply
from guildbot.bot.core import Core
from guildbot.bot.features.coffee import buttons, copy, follow_ups
from guildbot.bot.features.coffee.buttons import GroupButton, ProgramButton, RoundButton
from guildbot.bot.features.coffee.commands import SPECS
from guildbot.bot.features.coffee.follow_ups import FollowUps
from guildbot.bot.features.coffee.intro_text import IntroTexts
from guildbot.bot.features.coffee.languages import CoffeeLanguages
from guildbot.bot.features.coffee.rounds import CoffeeRounds
from guildbot.bot.features.coffee.running import Running
from guildbot.bot.features.coffee.stats import Stats
from guildbot.bot.features.coffee.taking_part import TakingPart
from guildbot.bot.registry import ButtonHandler, Registry, Settles

__all__ = ["SPECS", "setup"]

Value = TypeVar("Value")


def setup(registry: Registry, core: Core) -> None:
    """Register `coffee`, the buttons of intros, follow-ups, questions and previews, and the
    rounds' schedule owner."""
    taking_part = TakingPart(core.database)
    answers = FollowUps(core.database)
    running = Running(core.database)
    stats = Stats(core.database)
    languages = CoffeeLanguages(core.database)
    intro_texts = IntroTexts(core.database)
    registry.command("coffee", "status", lambda ctx, inv: taking_part.status(ctx))
    registry.command("coffee", "join", lambda ctx, inv: taking_part.join(ctx, inv.rest))
    registry.command("coffee", "leave", lambda ctx, inv: taking_part.leave(ctx, inv.rest))
    registry.command("coffee", "snooze", lambda ctx, inv: taking_part.snooze(ctx, inv.args))
    registry.command("coffee", "never", lambda ctx, inv: taking_part.never(ctx, inv.rest))
    registry.command("coffee", "history", lambda ctx, inv: answers.history(ctx))
    registry.command("coffee", "language", lambda ctx, inv: languages.working(ctx, inv.rest))
    registry.command("coffee", "practice", lambda ctx, inv: languages.practice(ctx, inv.rest))
    registry.command("coffee", "intro", lambda ctx, inv: intro_texts.set(ctx, inv.rest))
    registry.command("coffee", "mine", lambda ctx, inv: answers.mine(ctx))
    registry.command("coffee", "setup", lambda ctx, inv: running.setup(ctx, inv.args))
    registry.command("coffee", "settings", lambda ctx, inv: running.settings(ctx, inv.args))
    registry.command("coffee", "pause", lambda ctx, inv: running.pause(ctx, inv.rest, True))
    registry.command("coffee", "resume", lambda ctx, inv: running.pause(ctx, inv.rest, False))
    registry.command("coffee", "preview", lambda ctx, inv: running.preview(ctx, inv.rest))
    registry.command("coffee", "stats", lambda ctx, inv: stats.stats(ctx, inv.rest))
    for action, response in (
        (buttons.ACTION_MET, follow_ups.MET),
        (buttons.ACTION_NOT_YET, follow_ups.NOT_YET),
        (buttons.ACTION_SKIP, follow_ups.SKIP),
    ):
        # "Each of you can answer": a group's follow-up stays pressable for the others.
        registry.button(
            action,
            pressed(GroupButton.decode, partial(answers.respond, response=response)),
            settles=Settles.NEVER,
        )
    registry.button(
        buttons.ACTION_IN,
        pressed(RoundButton.decode, lambda ctx, b: taking_part.answer_round(ctx, b, True)),
    )
    registry.button(
        buttons.ACTION_OUT,
        pressed(RoundButton.decode, lambda ctx, b: taking_part.answer_round(ctx, b, False)),
    )
    # An intro's own buttons are each member's, and a preview can be re-rolled again.
    for action, handler in (
        (buttons.ACTION_SNOOZE, pressed(ProgramButton.decode, taking_part.snooze_button)),
        (buttons.ACTION_LEAVE, pressed(ProgramButton.decode, taking_part.leave_button)),
        (buttons.ACTION_REJOIN, pressed(ProgramButton.decode, taking_part.rejoin_button)),
        (buttons.ACTION_NEVER_GROUP, pressed(GroupButton.decode, taking_part.never_group)),
        (buttons.ACTION_REROLL, pressed(ProgramButton.decode, running.reroll)),
    ):
        registry.button(action, handler, settles=Settles.NEVER)
    coffee_rounds = CoffeeRounds(
        core.database, core.clock, language_for=core.identities.language_for
    )
    registry.owner(coffee_rounds.owner_kind, coffee_rounds)


def pressed(
    decode: Callable[[str], Value | None],
    handler: Callable[[Context, Value], Awaitable[Reply]],
) -> ButtonHandler:
    """A button handler that reads the button's value first: one that does not read is an
    expired (or made-up) button, and is answered as such."""

    async def handle(ctx: Context, value: str) -> Reply:
        button = decode(value)
        if button is None:
            return Reply(copy.expired(ctx.language))
        return await handler(ctx, button)

    return handle
