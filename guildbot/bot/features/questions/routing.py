"""Who to ask: this process's expertise index, and rankings of consenting, available
colleagues for a question or a topic (`matching.experts` does the scoring).

Evidence — resolved questions, thanks, referrals — is written to `expertise_evidence` and read
into the index incrementally, so the next ranking already knows it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.questions.flow import Facilitator
from guildbot.matching.experts import (
    Evidence,
    EvidenceKind,
    ExpertIndex,
    MemberState,
    Query,
    RankerConfig,
    RankingModel,
    Suggestion,
)
from guildbot.matching.skills import SkillVocabulary
from guildbot.matching.text import raw_tokens, tokenize
from guildbot.storage.models import Member, Question
from guildbot.storage.repositories.expertise import ExpertiseRepository
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.questions import (
    CommunityTopic,
    InvitationRepository,
    QuestionRepository,
)
from guildbot.storage.repositories.routing_models import RoutingModelRepository
from guildbot.storage.repositories.skills import SkillRepository

log = logging.getLogger(__name__)

# Open requests are counted over a week: the ranker caps how many a member gets in that time.
OPEN_REQUESTS_WINDOW = timedelta(days=7)


class RoutingIndex:
    """The process's expertise index, kept in step with the database incrementally.

    New evidence rows and newly declared skills are read by id since the last refresh, so
    several processes sharing one database all see each other's evidence. Removed skills are
    forgotten when the index is rebuilt (at most `max_age` after they were removed).
    """

    def __init__(self, config: RankerConfig, max_age: timedelta) -> None:
        self.config = config
        self.max_age = max_age
        self.index = ExpertIndex(config)
        self.model_id: int | None = None  # the stored model in use; None: the configured one
        self._last_evidence = 0
        self._last_skill = 0
        self._built_at: datetime | None = None

    async def current(self, session: AsyncSession, now: datetime) -> ExpertIndex:
        """The index, brought up to date with the database (and its newest fitted model)."""
        await self._follow_model(session)
        if self._built_at is None or now - self._built_at > self.max_age:
            self.index = ExpertIndex(self.config)
            self._last_evidence = self._last_skill = 0
            self._built_at = now
        expertise = ExpertiseRepository(session)
        for row in await expertise.evidence_after(self._last_evidence):
            self.index.add(
                _evidence(row.member_id, row.kind, row.at, row.text, row.tags, row.question_id)
            )
            self._last_evidence = row.id
        for declared in await expertise.skills_declared_after(self._last_skill):
            self.index.add(_declared(declared.member_id, declared.declared_at, declared.name))
            self._last_skill = declared.id
        return self.index

    async def _follow_model(self, session: AsyncSession) -> None:
        """Rank with the newest stored model: whichever process refitted, all use its fit."""
        models = RoutingModelRepository(session)
        newest = await models.newest_id()
        if newest is None or newest == self.model_id:
            return
        stored = await models.newest()
        if stored is None:
            return
        try:
            model = RankingModel.from_json(stored.model)
        except (ValueError, TypeError, KeyError) as error:
            # A model this version cannot read (or a damaged row) must not stop routing.
            log.warning(
                "routing model %d unreadable (%s); keeping the one in use", stored.id, error
            )
            self.model_id = stored.id
            return
        self.config = replace(self.config, model=model)
        self.index.use(model)
        self.model_id = stored.id
        log.info("routing uses model %d (%s)", stored.id, model.source)


async def history(session: AsyncSession) -> list[Evidence]:
    """All the evidence the index is built from, as the index reads it: what a fit learns on."""
    expertise = ExpertiseRepository(session)
    found = [
        _evidence(row.member_id, row.kind, row.at, row.text, row.tags, row.question_id)
        for row in await expertise.evidence_after(0)
    ]
    found.extend(
        _declared(declared.member_id, declared.declared_at, declared.name)
        for declared in await expertise.skills_declared_after(0)
    )
    return found


def _evidence(
    member_id: int, kind: str, at: datetime, text: str, tags: Sequence[str], question_id: int | None
) -> Evidence:
    return Evidence(member_id, EvidenceKind(kind), at, text, tuple(tags), thread=question_id)


def _declared(member_id: int, at: datetime, name: str) -> Evidence:
    return Evidence(member_id, EvidenceKind.DECLARED, at, name, (name,))


def community_about(
    text: str, tags: Sequence[str], communities: Sequence[CommunityTopic], asker_in: Sequence[int]
) -> int | None:
    """The community a question is about: the share of its members who declared each of the
    question's skills (half as much for skills that merely share a word with it), plus the
    question's words in its name and description. The asker's
    own communities win ties, then the larger community, then the older. When nothing
    matches, the asker's only community (if they are in exactly one); else None."""
    words = set(tokenize(text))
    wanted = [tag.casefold() for tag in tags]
    best: tuple[float, bool, int, int] | None = None
    chosen: int | None = None
    for community in communities:
        size = max(1, community.members)
        share = sum(community.skills.get(tag, 0) for tag in wanted) / size
        # The question's words in its members' skills ("pdf" in "pdf accessibility"), for
        # questions that name no skill exactly; half as strong as a skill itself.
        worded = sum(
            count for skill, count in community.skills.items() if words & set(tokenize(skill))
        )
        named = len(words & set(tokenize(f"{community.name} {community.description}")))
        score = share + 0.5 * worded / size + 0.5 * named
        if score <= 0:
            continue
        rank = (score, community.id in asker_in, community.members, -community.id)
        if best is None or rank > best:
            best, chosen = rank, community.id
    if chosen is None and len(asker_in) == 1:
        return asker_in[0]
    return chosen


def find_skills(text: str, vocabulary: SkillVocabulary) -> tuple[str, ...]:
    """The known skills a question mentions ("pdf accessibility", "k8s" -> "kubernetes")."""
    words = raw_tokens(text)
    found: list[str] = []
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            canonical = vocabulary.canonical(" ".join(words[start : start + size]))
            if canonical is not None and canonical not in found:
                found.append(canonical)
    return tuple(found[:10])


async def vocabulary(session: AsyncSession) -> SkillVocabulary:
    """The organisation's skills and their aliases."""
    return SkillVocabulary(await SkillRepository(session).vocabulary())


def is_away(member: Member, now: datetime) -> bool:
    """Marked unavailable, or away until a later date: not to be asked now."""
    return not member.available or (member.away_until is not None and member.away_until > now)


async def rank_for_question(
    routing: RoutingIndex,
    session: AsyncSession,
    now: datetime,
    question: Question,
    exclude: Iterable[int],
    limit: int,
) -> list[Suggestion]:
    """The best `limit` colleagues to ask about the question, leaving out `exclude` (and the
    asker), adjusted for consent, availability, load and the asker's department."""
    index = await routing.current(session, now)
    asker = await MemberRepository(session).get(question.asker_id)
    ranking = index.ranking(Query(question.text, tuple(question.tags), question.asker_id), now)
    taken = set(exclude)
    shortlist = ranking.candidates(index.config.shortlist, exclude=taken)
    states = await candidate_states(session, [c.member_id for c in shortlist], now)
    return ranking.suggest(
        states, asker.department_id if asker else None, limit=limit, exclude=taken
    )


async def experts_on(
    routing: RoutingIndex, session: AsyncSession, topic: str, now: datetime, viewer_id: int
) -> list[Suggestion]:
    """Up to five consenting members with expertise in `topic` (not the viewer)."""
    index = await routing.current(session, now)
    skills = await vocabulary(session)
    tags = find_skills(topic, skills)
    canonical = skills.canonical(topic)
    if canonical and canonical not in tags:
        tags = (canonical, *tags)
    ranking = index.ranking(Query(topic, tags, None), now)
    shortlist = ranking.candidates(index.config.shortlist)
    states = await candidate_states(session, [c.member_id for c in shortlist], now)
    return ranking.suggest(states, limit=5, exclude=[viewer_id])


async def facilitators_for(
    session: AsyncSession, question: Question, now: datetime
) -> list[Facilitator]:
    """The facilitators and admins of the question's community, in member id order; those
    who opted out or are away are skipped like anyone else. A question asked privately
    belongs to the community it is about (`community_about`), not to every one the asker
    is in."""
    questions = QuestionRepository(session)
    if question.community_id is not None:
        community_ids = [question.community_id]
    else:
        mine = await questions.communities_of_asker(question.asker_id)
        about = community_about(
            question.text, question.tags, await questions.community_topics(), mine
        )
        community_ids = [] if about is None else [about]
    facilitators = await questions.facilitators_of(community_ids)
    if not facilitators:
        return []
    expertise = ExpertiseRepository(session)
    choices = await expertise.consents_of(facilitators)
    away = {m.id for m in await expertise.members(facilitators) if is_away(m, now)}
    return [
        Facilitator(
            member_id, askable=choices.get(member_id) is not False and member_id not in away
        )
        for member_id in facilitators
    ]


async def candidate_states(
    session: AsyncSession, member_ids: Sequence[int], now: datetime
) -> dict[int, MemberState]:
    """Consent, availability, department and this week's open requests of candidates.

    A member who never chose is asked once they declared a skill, or by everyone's default
    when the organisation's is "in"."""
    if not member_ids:
        return {}
    expertise = ExpertiseRepository(session)
    members = await expertise.members(member_ids)
    choices = await expertise.consents_of(member_ids)
    declared = await expertise.declared_any(member_ids)
    default_in = await expertise.consent_default() == "in"
    open_requests = await InvitationRepository(session).open_requests(
        member_ids, now - OPEN_REQUESTS_WINDOW
    )
    states: dict[int, MemberState] = {}
    for member in members:
        choice = choices.get(member.id)
        consented = choice if choice is not None else (default_in or member.id in declared)
        states[member.id] = MemberState(
            member.id,
            consented=consented,
            away=is_away(member, now),
            department_id=member.department_id,
            open_requests=open_requests.get(member.id, 0),
        )
    return states
