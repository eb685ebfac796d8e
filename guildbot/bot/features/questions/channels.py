"""What expert routing does with ordinary channel messages: a question in an `auto` channel is
routed, one in a `suggest` channel gets a [Find an expert] offer, and "thanks @someone" is
evidence that they know what they helped with. `ask mode off|suggest|auto` sets a channel's
mode (its community's facilitators, or organisation admins)."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from enum import StrEnum

from guildbot.bot.context import Actor, Context, Reply, UsageError, UserError
from guildbot.bot.features.questions import copy
from guildbot.bot.features.questions.asking import ask, store_question
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.lookup import member_named
from guildbot.bot.mentions import named, without_names
from guildbot.bot.policy import Refused, may_manage
from guildbot.contract.inbound import MessageReceived
from guildbot.contract.refs import ConversationKind
from guildbot.matching.experts import EvidenceKind
from guildbot.matching.text import is_question
from guildbot.storage.models import QuestionStatus
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.expertise import ExpertiseRepository
from guildbot.storage.repositories.questions import ChannelModeRepository, QuestionRepository

log = logging.getLogger(__name__)

_THANKS = re.compile(r"\b(thanks|thank you|thx|ty|cheers|merci)\b", re.IGNORECASE)
# "thanks @a @b" is evidence for each; thanking more people at once is a general thank-you
# (a team, a channel), not a sign of who knows what, and not worth a look-up per mention.
MAX_THANKED = 5


class ChannelModeName(StrEnum):
    """What Guildbot does with questions it sees in a channel."""

    OFF = "off"
    SUGGEST = "suggest"  # offer the asker a "Find an expert" button
    AUTO = "auto"  # route the question straight away


MODES = frozenset(mode.value for mode in ChannelModeName)


async def set_mode(service: QuestionService, ctx: Context, rest: str) -> Reply:
    """`ask mode off|suggest|auto` in a channel (its community's facilitators, or admins)."""
    try:
        mode = ChannelModeName(rest.strip().casefold())
    except ValueError:
        raise UsageError("ask", "mode") from None
    conversation = ctx.conversation
    if conversation.kind is not ConversationKind.CHANNEL:
        raise UserError(copy.mode_outside_channel(ctx.language))
    async with service.database.transaction() as session:
        community = await CommunityRepository(session).by_channel(
            conversation.platform, conversation.workspace_id, conversation.channel_id
        )
        if not ctx.actor.is_admin and (
            community is None or not await may_manage(session, ctx.actor, community.id)
        ):
            raise Refused(
                copy.mode_refused(ctx.language), "ask.mode", community.id if community else None
            )
        await ChannelModeRepository(session).set_mode(
            conversation.platform,
            conversation.workspace_id,
            conversation.channel_id,
            mode.value,
            ctx.actor.member_id,
            ctx.now,
        )
    return copy.mode_set(ctx.language, mode.value)


async def on_message(
    service: QuestionService,
    event: MessageReceived,
    resolve: Callable[[], Awaitable[Actor | None]],
) -> Reply | None:
    """A plain message: a question in an `auto`/`suggest` channel, or "thanks @x"."""
    text = event.text
    thanked = _THANKS.search(text) is not None and bool(named(text))
    mode = ChannelModeName.OFF
    if event.conversation.kind is ConversationKind.CHANNEL:
        mode = await _mode(service, event)
    asking = mode is not ChannelModeName.OFF and is_question(text)
    if not thanked and not asking:
        return None
    actor = await resolve()
    if actor is None:
        return None
    ctx = Context(
        actor=actor,
        conversation=event.conversation,
        now=service.clock.now(),
        mentions=event.mentions,
    )
    if thanked and not asking:
        await _thanks(service, ctx, text)
        return None
    if mode is ChannelModeName.AUTO:
        return await ask(service, ctx, text)
    async with service.database.transaction() as session:
        question = await store_question(session, ctx, " ".join(text.split()), QuestionStatus.DRAFT)
    return copy.looks_like_a_question(ctx.language, question.id)


async def _mode(service: QuestionService, event: MessageReceived) -> ChannelModeName:
    conversation = event.conversation
    async with service.database.transaction() as session:
        value = await ChannelModeRepository(session).mode_of(
            conversation.platform, conversation.workspace_id, conversation.channel_id
        )
    try:
        return ChannelModeName(value or ChannelModeName.OFF.value)
    except ValueError:
        return ChannelModeName.OFF


async def _thanks(service: QuestionService, ctx: Context, text: str) -> None:
    """Each member thanked (a handful at most) gets evidence: of the question they helped
    the actor with, else of what the thanks says."""
    mentions = named(text)
    if len(mentions) > MAX_THANKED:
        log.info("thanks to %d people at once: not recorded as evidence", len(mentions))
        return
    async with service.database.transaction() as session:
        questions = QuestionRepository(session)
        expertise = ExpertiseRepository(session)
        for name in mentions:
            try:
                member = await member_named(ctx, session, name)
            except UserError:
                continue
            if member.id == ctx.actor.member_id:
                continue
            question = await questions.latest_helped_by(ctx.actor.member_id, member.id)
            await expertise.add_evidence(
                member.id,
                EvidenceKind.THANKS.value,
                question.text if question else without_names(text),
                question.tags if question else [],
                question.id if question else None,
                ctx.now,
            )
            log.info("thanks recorded for member=%s", member.id)
