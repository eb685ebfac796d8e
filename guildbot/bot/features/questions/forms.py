"""The `ask` command's forms. A question that starts like a form ("close the gap…") is
still a question: a form applies only when its arguments fit."""

from __future__ import annotations

import re

from guildbot.bot.context import Context, Reply, UsageError
from guildbot.bot.features.questions import answering, asking, channels, closing, listing
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.grammar import Invocation

FORMS = ("question", "mine", "close", "suggest", "mode")
_QUESTION_ID = re.compile(r"^#?(\d{1,9})$")


def question_id_in(word: str) -> int | None:
    """`12` or `#12` -> 12; anything else -> None."""
    match = _QUESTION_ID.match(word.strip())
    return int(match.group(1)) if match else None


async def answer(
    service: QuestionService, form: str, ctx: Context, invocation: Invocation
) -> Reply:
    """`ask FORM …`, or the question it turns out to be."""
    args, rest = invocation.args, invocation.rest
    question_id = question_id_in(args[0]) if args else None
    if form == "mine" and not rest:
        return await listing.mine(service, ctx)
    if form == "close" and question_id is not None:
        words = rest.split(maxsplit=1)
        return await closing.close(service, ctx, question_id, words[1] if len(words) > 1 else "")
    if form == "suggest" and question_id is not None:
        if len(args) < 2:
            raise UsageError("ask", "suggest")
        return await answering.suggest(service, ctx, question_id, args[1:])
    if form == "mode" and rest.strip().casefold() in channels.MODES:
        return await channels.set_mode(service, ctx, rest)
    if form in ("close", "suggest", "mode") and not rest:
        raise UsageError("ask", form)
    text = rest if form == "question" else f"{form} {rest}"
    return await asking.ask(service, ctx, text)
