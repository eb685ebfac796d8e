"""After a claimer vanished: find out from the platform what it had sent, before sending again.

A row still `claimed` after its lease may or may not have reached the platform: its process
died, or froze, between the platform's answer and the record of it. Each tick takes such
claims over (one process at a time finds out about a row) and asks the row's adapter:

- a `Reconciling` adapter is asked which of the rows it has in their conversation since they
  were claimed (Slack searches the conversation's history for the rows' message metadata):
  a row it has is marked `sent` with the message it found; a row it does not have is sent;
- where it cannot tell but a resend under the same key is answered with the message already
  there (Discord's enforced nonce, for a few minutes), the row is simply sent again;
- otherwise the per-kind policy decides (`policy.AfterCrash`): resend, or `uncertain` — and
  then the owner is asked once per incident (the claimer that stopped, as of when it was last
  seen alive), not once per row.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from guildbot.bot.clock import Clock
from guildbot.bot.i18n import Language, translate_plain
from guildbot.bot.scheduler import notices
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Owner, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.policy import AfterCrash, DeliveryPolicy
from guildbot.contract.adapter import Adapter
from guildbot.contract.errors import DeliveryError
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.reconciling import Found, Reconciling, SendKey
from guildbot.contract.refs import ConversationRef
from guildbot.storage.engine import Database, frozen_transaction_limit
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus
from guildbot.storage.repositories.instances import InstanceRepository
from guildbot.storage.repositories.outbox import ExpiredClaim, OutboxRepository

log = logging.getLogger(__name__)

ACTION_RESEND = "outbox.resend"
ACTION_DISMISS = "outbox.dismiss"
ACTION_RESEND_INCIDENT = "outbox.resend-incident"
ACTION_SHOW_INCIDENT = "outbox.show-incident"
# The platform's clock and ours may differ a little: its history is searched from this much
# before the claim.
CLOCK_SKEW = timedelta(minutes=1)
# A platform that cannot be asked (rate limited, down) is asked again on later ticks, until the
# claim has been expired this long; then the per-kind policy decides.
GIVE_UP_ASKING = timedelta(minutes=10)
# The owner's question waits until every claim of the stopped process has expired (and been
# looked up), plus this, so that one question covers the whole incident.
QUESTION_SETTLES = timedelta(seconds=1)

# A row released for a resend is sent within this (claimed again by the same tick, or the
# next one): what a platform's de-duplication window must still cover.
RESEND_SOON = timedelta(seconds=15)

ConversationOf = Callable[[Adapter, OutboxMessage], Awaitable[ConversationRef]]


@dataclass
class RecoveryReport:
    """What one recovery pass did with the claims it took over."""

    found: int = 0  # the platform had them: marked sent, not sent again
    resent: int = 0  # not on the platform, or the policy resends: pending again
    uncertain: int = 0  # nobody can tell: their owners are asked, once per incident
    deferred: int = 0  # the platform could not be asked now: asked again next tick
    questions: int = 0  # owners asked (one per incident and owner)


class Recovery:
    """Takes over expired claims and settles each: sent (found), pending, or uncertain."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        adapters: Mapping[str, Adapter],
        policy: DeliveryPolicy,
        instance: str,
        conversation_of: ConversationOf,
    ) -> None:
        self.database = database
        self.clock = clock
        self.adapters = adapters
        self.policy = policy
        self.instance = instance
        self.conversation_of = conversation_of

    async def run(self) -> RecoveryReport:
        """One pass over the claims that have expired by now."""
        report = RecoveryReport()
        now = self.clock.now()
        async with self.database.transaction() as session:
            expired = await OutboxRepository(session).take_over_expired(
                self.instance, now, self.policy.lease
            )
        if not expired:
            return report
        groups: dict[tuple[str, str], list[ExpiredClaim]] = defaultdict(list)
        for claim in expired:
            groups[(claim.row.platform, _conversation_key(claim.row))].append(claim)
        uncertain: list[ExpiredClaim] = []
        for claims in groups.values():
            uncertain += await self._settle(claims, report)
        if uncertain:
            await self._ask_owners(uncertain, report)
        return report

    async def _settle(
        self, claims: Sequence[ExpiredClaim], report: RecoveryReport
    ) -> list[ExpiredClaim]:
        """Settle the expired claims of one conversation; those left uncertain."""
        adapter = self.adapters.get(claims[0].row.platform)
        found: Found | None = None
        if adapter is not None and isinstance(adapter, Reconciling):
            try:
                found = await self._look_up(adapter, adapter, claims)
            except DeliveryError as error:
                if error.retryable and all(not self._too_late(c) for c in claims):
                    await self._hand_back(claims, error, report)
                    return []
                found = None
        uncertain: list[ExpiredClaim] = []
        now = self.clock.now()
        for claim in claims:
            row = claim.row
            if found is not None and row.id in found.sent:
                await self._mark_found(row, found.sent[row.id], report)
            elif found is not None:
                await self._resend(row, "not on the platform after its sender stopped", report)
            elif self._idempotent_resend(adapter, row, now):
                await self._resend(row, "sent again under the same key", report)
            elif self.policy.after_crash(row.kind) is AfterCrash.RESEND:
                await self._resend(row, "its sender stopped before confirming the send", report)
            else:
                uncertain.append(claim)
        return uncertain

    async def _look_up(
        self, adapter: Adapter, reconciling: Reconciling, claims: Sequence[ExpiredClaim]
    ) -> Found | None:
        first = claims[0].row
        conversation = await self.conversation_of(adapter, first)
        since = min(_claimed_at(claim, self.policy.lease) for claim in claims) - CLOCK_SKEW
        keys = [SendKey(c.row.id, c.row.attempts) for c in claims]
        found = await reconciling.find_sent(conversation, keys, since)
        log.info(
            "outbox reconcile platform=%s rows=%d found=%s",
            first.platform,
            len(claims),
            "unknown" if found is None else len(found.sent),
        )
        return found

    def _idempotent_resend(
        self, adapter: Adapter | None, row: OutboxMessage, now: datetime
    ) -> bool:
        """Whether the platform would answer a resend of this row with the message it may
        already have (its claim is recent enough for the platform's own de-duplication)."""
        if not isinstance(adapter, Reconciling):
            return False
        window = adapter.resend_is_idempotent_for
        claimed = row.claimed_at or row.due_at
        # The resend goes out in a moment (it is claimed again at once): that moment must
        # still fall in the window that began, at the earliest, with the claim.
        return window > timedelta(0) and now + RESEND_SOON - claimed < window

    def _too_late(self, claim: ExpiredClaim) -> bool:
        expired = claim.lease_until or claim.row.due_at
        return self.clock.now() - expired > GIVE_UP_ASKING

    async def _mark_found(
        self, row: OutboxMessage, message_id: str, report: RecoveryReport
    ) -> None:
        async with self.database.transaction() as session:
            marked = await OutboxRepository(session).finish(
                row.id,
                self.instance,
                OutboxStatus.SENT,
                platform_message_id=message_id[:128],
                sent_at=self.clock.now(),
                claimed_by=None,
                last_error="found on the platform after its sender stopped",
            )
        if marked:
            report.found += 1
            log.warning("outbox row=%s lease expired; found on the platform, not resent", row.id)

    async def _resend(self, row: OutboxMessage, why: str, report: RecoveryReport) -> None:
        async with self.database.transaction() as session:
            released = await OutboxRepository(session).release(
                row.id, self.instance, self.clock.now(), why
            )
        if released:
            report.resent += 1
            log.warning("outbox row=%s lease expired; sending again (%s)", row.id, row.kind)

    async def _hand_back(
        self, claims: Sequence[ExpiredClaim], error: DeliveryError, report: RecoveryReport
    ) -> None:
        """The platform could not be asked now: the claims go back as they were (expired),
        for the next tick to ask again."""
        async with self.database.transaction() as session:
            outbox = OutboxRepository(session)
            for claim in claims:
                if await outbox.hand_back(claim.row.id, self.instance, claim):
                    report.deferred += 1
        log.warning(
            "outbox reconcile deferred: %s could not be asked (%s); %d row(s) wait",
            claims[0].row.platform,
            error.code or "error",
            len(claims),
        )

    # -- owners' questions ---------------------------------------------------------------------

    async def _ask_owners(self, claims: Sequence[ExpiredClaim], report: RecoveryReport) -> None:
        """Mark rows uncertain under their incident, then ask each owner once per incident."""
        incidents: dict[str, str] = {}
        settles: dict[str, datetime] = {}
        now = self.clock.now()
        async with self.database.transaction() as session:
            instances = InstanceRepository(session)
            outbox = OutboxRepository(session)
            for claimer in {claim.claimer for claim in claims}:
                seen = await instances.seen_at(claimer)
                stamp = f"{seen:%Y%m%dT%H%M%S}" if seen is not None else "unseen"
                incidents[claimer] = f"{claimer[:100]}@{stamp}"
                first, last = await outbox.leases_of(claimer)
                # Its claims not expired yet are settled once they are; expired ones still
                # held are locked by its frozen transaction, which the database ends.
                settles[claimer] = max(now, last or now)
                if first is not None and first < now:
                    ended = now + frozen_transaction_limit(self.policy.lease)
                    settles[claimer] = max(settles[claimer], ended)
        asked: dict[tuple[str, int], OutboxMessage] = {}
        for claim in claims:
            row = claim.row
            incident = incidents[claim.claimer]
            async with self.database.transaction() as session:
                marked = await OutboxRepository(session).finish(
                    row.id,
                    self.instance,
                    OutboxStatus.UNCERTAIN,
                    claimed_by=None,
                    incident=incident,
                    last_error="the sending process stopped before confirming the send",
                )
            if not marked:
                continue
            report.uncertain += 1
            log.warning("outbox row=%s lease expired; marked uncertain", row.id)
            if row.owner_member_id is None or row.kind == OutboxKind.NOTICE.value:
                log.warning("outbox row=%s needs attention and has no owner to tell", row.id)
                continue
            asked.setdefault((incident, row.owner_member_id), row)
        for (incident, owner), row in asked.items():
            claimer = next(c.claimer for c in claims if incidents[c.claimer] == incident)
            due = settles[claimer]
            if due > now:
                due += QUESTION_SETTLES
            if await self._question(incident, owner, row, due):
                report.questions += 1

    async def _question(
        self, incident: str, owner: int, first: OutboxMessage, due: datetime
    ) -> bool:
        """Queue the owner's one question about the incident, or bring it up to date if it
        is still waiting to be sent; whether a new question was queued."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            outbox = OutboxRepository(session)
            rows = await outbox.uncertain_of_incident(incident, owner)
            if not rows:
                return False
            language = await notices.owner_language(session, owner)
            body = question(rows, _incident_at(rows, incident), language)
            key = incident_key(incident, owner)
            queued = await Outbox(session, now).queue(
                body,
                Target.member(first.platform, first.workspace_id, owner),
                due,
                key,
                kind=OutboxKind.NOTICE,
            )
            if not queued:
                await outbox.set_pending_payload(key.text, body.payload())
        return queued


def question(rows: Sequence[OutboxMessage], at: datetime, language: Language = Language.EN) -> Body:
    """The owner's question: about the row itself when the incident has one, else a digest
    for all of them with [Post the missing ones] [Show them]."""
    if len(rows) == 1:
        row = rows[0]
        return Body(
            notices.uncertain(language, row.kind, row.due_at),
            (
                Button(
                    translate_plain(language, "scheduler-button-post-again"),
                    ACTION_RESEND,
                    str(row.id),
                    ButtonStyle.PRIMARY,
                ),
                Button(
                    translate_plain(language, "scheduler-button-was-posted"),
                    ACTION_DISMISS,
                    str(row.id),
                ),
            ),
        )
    first = str(rows[0].id)
    return Body(
        notices.incident(language, [row.kind for row in rows], at),
        (
            Button(
                translate_plain(language, "scheduler-button-post-missing"),
                ACTION_RESEND_INCIDENT,
                first,
                ButtonStyle.PRIMARY,
            ),
            Button(
                translate_plain(language, "scheduler-button-show-them"),
                ACTION_SHOW_INCIDENT,
                first,
            ),
        ),
    )


def incident_key(incident: str, owner: int) -> OutboxKey:
    """The one question to an owner about an incident."""
    return OutboxKey(
        f"notice:incident:{owner}:{incident}", Owner.of("member", owner), "notice-incident"
    )


def _incident_at(rows: Sequence[OutboxMessage], incident: str) -> datetime:
    """When the incident happened: the earliest claim among its rows."""
    claimed = [row.claimed_at for row in rows if row.claimed_at is not None]
    return min(claimed) if claimed else min(row.due_at for row in rows)


def _claimed_at(claim: ExpiredClaim, lease: timedelta) -> datetime:
    """The earliest a claim's send can have gone out."""
    if claim.row.claimed_at is not None:
        return claim.row.claimed_at
    if claim.lease_until is not None:  # claimed before claims were dated: its last renewal
        return claim.lease_until - lease
    return claim.row.due_at


def _conversation_key(row: OutboxMessage) -> str:
    if row.target_member_id is not None:
        return f"member:{row.target_member_id}"
    if row.target_group_id is not None:
        return f"group:{row.target_group_id}"
    return f"{row.workspace_id}:{row.channel_id}:{row.thread_id or ''}"
