"""The `ask` command's forms. A question that starts like a form ("close the gap…") is
still a question: a form applies only when its arguments fit."""

from __future__ import annotations

import re

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.questions import (
    answering,
    asking,
    channels,
    closing,
    copy,
    listing,
)
from guildbot.bot.features.questions.commands import ASK
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.grammar import Invocation, closest
from guildbot.matching.text import is_question

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
    text = rest if form == "question" else f"{form} {rest}"
    if form in ARGUED_FORMS and not is_question(text):
        # `ask close abc`, `ask suggest abc @lea`, `ask mode loud`: a form whose arguments
        # do not fit, and no question either — its usage, and nothing is stored.
        raise UsageError("ask", form, copy.form_arguments(ctx.language, form))
    if form == "question":
        meant = mistyped_form(args)
        if meant is not None and not is_question(text):
            typed = f"{ASK.word(ctx.language)} {meant} {' '.join(args[1:])}".strip()
            raise UserError(copy.did_you_mean(ctx.language, typed))
    return await asking.ask(service, ctx, text)


# Forms that take arguments; "mine" takes none, so "ask mine …" is a question.
ARGUED_FORMS = ("close", "suggest", "mode")
# How alike a first word must be to a form's name to be taken for it mistyped ("clsoe").
MISTYPED_SIMILARITY = 70.0


def mistyped_form(args: tuple[str, ...]) -> str | None:
    """The form `args` look like a mistyped `ask FORM …` of: a first word close to a form's
    name, followed by what that form takes (an id, a mode); None otherwise."""
    if not args:
        return None
    meant = closest(args[0].casefold(), list(FORMS[1:]), cutoff=MISTYPED_SIMILARITY)
    if meant is None:
        return None
    following = args[1] if len(args) > 1 else ""
    if meant in ("close", "suggest"):
        return meant if question_id_in(following) is not None else None
    if meant == "mode":
        return meant if following.casefold() in channels.MODES else None
    return meant if len(args) == 1 else None  # "ask mnie"
