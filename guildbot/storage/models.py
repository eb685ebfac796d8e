"""The relational schema, as SQLAlchemy 2 typed ORM models.

Every instant is stored timezone-aware in UTC (`UtcDateTime`), so SQLite and PostgreSQL behave
the same. Constraint names follow one convention so that Alembic's batch mode can alter SQLite
tables and migrations stay reviewable.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC instant on every backend (SQLite has no time zone support)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: pass an aware UTC instant")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Role(StrEnum):
    """A member's role in one community."""

    MEMBER = "member"
    FACILITATOR = "facilitator"
    ADMIN = "admin"


class Department(Base):
    """An organisational unit; `parent_id` makes an org tree."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True
    )


class Member(Base):
    """A person. One member may be known on several platforms (see `PlatformIdentity`)."""

    __tablename__ = "members"
    # Never reuse an erased member's id: audit entries keep it as an opaque reference.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy's own API

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(120))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(120))
    # Unique where present: the key for idempotent directory imports.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    locale: Mapped[str] = mapped_column(String(16), default="en")
    # The languages they work in, for coffee ("en", "fr", "en+fr"; None: their reading
    # language), and one they would like to practise there (None: none).
    working_languages: Mapped[str | None] = mapped_column(String(8))
    practice_language: Mapped[str | None] = mapped_column(String(8))
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    away_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    department: Mapped[Department | None] = relationship(lazy="raise")


class PlatformIdentity(Base):
    """Links a platform user id to a member, so one person on Slack and Teams is one member."""

    __tablename__ = "platform_identities"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Community(Base):
    """A community of practice."""

    __tablename__ = "communities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # Greeting for people who join its channel: None = off (the default), "" = the standard one.
    welcome_text: Mapped[str | None] = mapped_column(Text)
    # Its welcome as written in French, for French readers ("" or None: the English one, or
    # the standard French one when that is empty too).
    welcome_text_fr: Mapped[str | None] = mapped_column(Text)
    # What it posts in its channel: "en", "fr", or both in one post ("en+fr": English first;
    # "fr+en"). See `bot.i18n.channels`.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Archived: kept as it was (members, events, history) but no longer active — not listed,
    # not joinable, no new events, coffee paused.
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CommunityChannel(Base):
    """A platform channel linked to a community (its announcements go there)."""

    __tablename__ = "community_channels"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str] = mapped_column(String(64))


class Membership(Base):
    """A member's place in a community, with a role."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("community_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default=Role.MEMBER.value)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Skill(Base):
    """A canonical skill name (lower case), e.g. ``kubernetes``."""

    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Added by a member and not reviewed yet: on their profile at once, but not part of the
    # shared vocabulary (nobody else's typing is matched to it) until a facilitator or admin
    # accepts it.
    pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SkillAlias(Base):
    """Another spelling of a skill (``k8s`` for ``kubernetes``); unique across all skills."""

    __tablename__ = "skill_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(60), unique=True)


class MemberSkill(Base):
    """A skill a member declared, and when: the first piece of expertise evidence."""

    __tablename__ = "member_skills"
    __table_args__ = (UniqueConstraint("member_id", "skill_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"), index=True)
    declared_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AuditEntry(Base):
    """An append-only record of who did what (including refusals). Never updated."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    # No foreign key: the log outlives members who erase their data (their id stays opaque).
    actor_member_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ProcessedEvent(Base):
    """An inbound platform event already handled, so a redelivery has no second effect."""

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("platform", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class OutboxKind(StrEnum):
    """What an outbound message is for; decides its grace period and crash policy."""

    REMINDER = "reminder"
    ANNOUNCEMENT = "announcement"
    FOLLOW_UP = "follow_up"
    ESCALATION = "escalation"
    INTRO = "intro"
    NOTICE = "notice"  # Guildbot telling an owner or facilitator about a problem


class OutboxStatus(StrEnum):
    """Where an outbound message is in its life."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    MISSED = "missed"
    UNCERTAIN = "uncertain"
    CANCELLED = "cancelled"


class GroupConversation(Base):
    """A group of members the bot writes to together (a coffee group), and — once the first
    message to it has been sent — the platform conversation that was opened for it.

    `members` are the platform user ids; `group_key` is the core's name for the group, by
    which an adapter finds the conversation again if it was opened but never recorded.
    """

    __tablename__ = "group_conversations"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "group_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    group_key: Mapped[str] = mapped_column(String(64))
    members: Mapped[list[str]] = mapped_column(JSON)
    channel_id: Mapped[str | None] = mapped_column(String(64))
    conversation_kind: Mapped[str | None] = mapped_column(String(16))
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class OutboxMessage(Base):
    """One message that must be sent once, at or after `not_before`.

    The target is either a conversation (platform + channel) or a member (`target_member_id`,
    reached by direct message on `platform`). `dedupe_key` is unique, so materialising the same
    occurrence twice — even in two processes at once — creates one row. Rows are written and
    changed only through `storage.repositories.outbox` (see `bot.scheduler.outbox`).
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_claimable", "status", "not_before"),
        Index("ix_outbox_schedule", "schedule_id", "occurrence_at"),
        Index("ix_outbox_owner", "owner_kind", "owner_id", "status"),
        # /metrics counts the rows still to settle by status and kind: from this index alone.
        Index("ix_outbox_status_kind", "status", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(64))
    thread_id: Mapped[str | None] = mapped_column(String(64))
    conversation_kind: Mapped[str | None] = mapped_column(String(16))
    target_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    owner_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # A group (see `GroupConversation`): delivery opens its conversation on the first send.
    target_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_conversations.id", ondelete="CASCADE")
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    not_before: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When the current attempt was claimed: a send of it cannot be older, so after its
    # claimer vanished the platform is searched from here (see `bot.scheduler.reconcile`).
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The incident an `uncertain` row belongs to (its claimer and when that one was last seen
    # alive): its owner is asked once per incident, not once per row.
    incident: Mapped[str | None] = mapped_column(String(120), index=True)
    platform_message_id: Mapped[str | None] = mapped_column(String(128))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("schedules.id", ondelete="SET NULL"))
    occurrence_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When the body was removed (retention, or someone it named was erased): the row stays as
    # the record that it was sent, or why not, and its dedupe key keeps it from coming back.
    redacted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # What the row belongs to (an event, a question…), what for (a reminder, an invitation…)
    # and, where it has one, the occurrence it is about: how it is cancelled with its owner.
    owner_kind: Mapped[str | None] = mapped_column(String(32))
    owner_id: Mapped[str | None] = mapped_column(String(64))
    purpose: Mapped[str | None] = mapped_column(String(32))
    occurrence: Mapped[str | None] = mapped_column(String(40))


class PendingAction(Base):
    """What a pressed button means when that is more than its short value (an event draft,
    a long name): kept under the short id the button carries, until it expires."""

    __tablename__ = "pending_actions"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    action_id: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class Schedule(Base):
    """Something recurring: an RFC 5545 RRULE expanded in the owner's IANA time zone.

    `next_local` is the next occurrence as local wall-clock time (ISO, no offset), so expansion
    never goes through a fixed UTC offset and 09:00 stays 09:00 across daylight-saving changes.
    Each occurrence becomes one outbox row due `offset_seconds` after it (negative: before).
    """

    __tablename__ = "schedules"
    __table_args__ = (Index("ix_schedules_due", "active", "next_due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(String(64))
    owner_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(16))
    rrule: Mapped[str] = mapped_column(String(500))
    timezone: Mapped[str] = mapped_column(String(64))
    local_start: Mapped[str] = mapped_column(String(19))
    offset_seconds: Mapped[int] = mapped_column(Integer, default=0)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(64))
    target_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE")
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    next_local: Mapped[str | None] = mapped_column(String(19))
    next_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RsvpStatus(StrEnum):
    """A member's answer to one occurrence of an event."""

    GOING = "going"
    MAYBE = "maybe"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"  # said Going when the event was full; promoted in order


class CalendarEvent(Base):
    """A community event, one-off or recurring (an RFC 5545 RRULE in the event's IANA zone).

    `local_start` is the first occurrence as local wall-clock time (ISO, no offset); each
    occurrence is identified by its own local start. `uid` is the stable iCal UID; `sequence`
    is bumped on every edit, as RFC 5545 asks. Reminders go to `channel_id` and/or by direct
    message to people who said Going.
    """

    __tablename__ = "calendar_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(80), unique=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    timezone: Mapped[str] = mapped_column(String(64))
    local_start: Mapped[str] = mapped_column(String(19))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    rrule: Mapped[str | None] = mapped_column(String(500))
    capacity: Mapped[int | None] = mapped_column(Integer)
    reminder_offsets: Mapped[list[int]] = mapped_column(JSON, default=list)  # seconds before
    remind_channel: Mapped[bool] = mapped_column(Boolean, default=True)
    remind_going: Mapped[bool] = mapped_column(Boolean, default=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class EventCancellation(Base):
    """One cancelled occurrence of a recurring event (an EXDATE in the iCal feed)."""

    __tablename__ = "calendar_cancellations"
    __table_args__ = (UniqueConstraint("event_id", "occurrence_local"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("calendar_events.id", ondelete="CASCADE"))
    occurrence_local: Mapped[str] = mapped_column(String(19))
    cancelled_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EventRsvp(Base):
    """A member's RSVP to one occurrence; `responded_at` orders the waitlist."""

    __tablename__ = "calendar_rsvps"
    __table_args__ = (
        UniqueConstraint("event_id", "occurrence_local", "member_id"),
        Index("ix_calendar_rsvps_occurrence", "event_id", "occurrence_local", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("calendar_events.id", ondelete="CASCADE"))
    occurrence_local: Mapped[str] = mapped_column(String(19))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    responded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ScheduledAnnouncement(Base):
    """A facilitator's post for a channel at a time, once or on a recurrence (via the outbox)."""

    __tablename__ = "calendar_announcements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str] = mapped_column(String(64))
    timezone: Mapped[str] = mapped_column(String(64))
    local_start: Mapped[str] = mapped_column(String(19))
    rrule: Mapped[str | None] = mapped_column(String(500))
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("schedules.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CalendarFeed(Base):
    """A community's iCal feed: public, or private behind an unguessable token."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), unique=True
    )
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    token: Mapped[str] = mapped_column(String(64))


# -- expert routing ---------------------------------------------------------------------------


class QuestionStatus(StrEnum):
    """Where a routed question is."""

    DRAFT = "draft"  # seen in a `suggest` channel; routed only if the asker presses the button
    OPEN = "open"  # colleagues are being asked
    CONNECTED = "connected"  # someone said they can help
    RESOLVED = "resolved"  # the asker marked it answered (by someone)
    CLOSED = "closed"  # closed without an answer


class InvitationStatus(StrEnum):
    """One colleague's part in a question."""

    INVITED = "invited"  # asked at `due_at` (now, or when the question escalates)
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REFERRED = "referred"  # suggested someone else
    WITHDRAWN = "withdrawn"  # taken by someone else, or closed, before they answered


class Question(Base):
    """A member's question, where it was asked, and how it ended."""

    __tablename__ = "questions"
    __table_args__ = (Index("ix_questions_asker_status", "asker_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asker_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="SET NULL")
    )
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(64))
    thread_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=QuestionStatus.OPEN.value)
    helper_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Invitation(Base):
    """A colleague asked (or to be asked) to help with a question."""

    __tablename__ = "question_invitations"
    __table_args__ = (
        UniqueConstraint("question_id", "member_id"),
        Index("ix_question_invitations_member_status", "member_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # rank order; facilitators come last
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(300), default="")
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())  # when they are (to be) asked
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ExpertiseEvidence(Base):
    """Something that shows a member knows a topic: answered, resolved, thanked, referred."""

    __tablename__ = "expertise_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class LiveInstance(Base):
    """A process running the scheduler, as of its latest tick: how many are alive tells each
    its share of a platform's rate limit."""

    __tablename__ = "live_instances"

    instance: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime())


class LegalHold(Base):
    """A legal hold (an access-to-information request, litigation): while it is in force,
    the member's data — or everyone's, when `member_id` is None — is neither erased nor
    purged. Lifted holds stay as the record that they were (until the member is erased)."""

    __tablename__ = "legal_holds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No cascade: a member under a hold in force cannot be erased; their lifted holds are
    # deleted with them (the audit log keeps that they were).
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(100))
    placed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    lifted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class RoutingModelRow(Base):
    """A ranking model fitted on the deployment's resolved questions (the newest is used)."""

    __tablename__ = "routing_models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(16))  # "fitted", or "prior" when too few
    examples: Mapped[int] = mapped_column(Integer)
    history: Mapped[int] = mapped_column(Integer)
    model: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ExpertiseConsent(Base):
    """A member's explicit choice about being suggested as an expert."""

    __tablename__ = "expertise_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), unique=True
    )
    opted_in: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class OrganisationSetting(Base):
    """An organisation-wide setting chosen by an admin (key -> value)."""

    __tablename__ = "organisation_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ChannelMode(Base):
    """How Guildbot treats questions in one channel: off, suggest or auto."""

    __tablename__ = "channel_modes"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(16))
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


# -- coffee pairings --------------------------------------------------------------------------


class CoffeeParticipation(StrEnum):
    """How members take part in a coffee program's rounds."""

    STANDING = "standing"  # every round until they leave or snooze
    PER_ROUND = "per_round"  # asked a day before each round: "in this time?"


class CoffeeProgram(Base):
    """A community's coffee intros: cadence, group size, participation and preferences.

    The cadence is a `Schedule` (owner kind "coffee") whose occurrences become `CoffeeRound`s.
    """

    __tablename__ = "coffee_programs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), unique=True
    )
    # Where its intros go: the platform it was set up on.
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    frequency: Mapped[str] = mapped_column(String(16))  # weekly | monthly
    interval: Mapped[int] = mapped_column(Integer, default=1)
    weekday: Mapped[int] = mapped_column(Integer, default=0)  # 0 = Monday
    local_time: Mapped[str] = mapped_column(String(5))  # HH:MM
    timezone: Mapped[str] = mapped_column(String(64))
    group_size: Mapped[int] = mapped_column(Integer, default=2)
    participation: Mapped[str] = mapped_column(
        String(16), default=CoffeeParticipation.STANDING.value
    )
    weight_department: Mapped[float] = mapped_column(Float, default=1.0)
    weight_timezone: Mapped[float] = mapped_column(Float, default=0.5)
    weight_new: Mapped[float] = mapped_column(Float, default=1.0)
    weight_skills: Mapped[float] = mapped_column(Float, default=0.5)
    # Keep people who share no working language apart (`coffee languages COMMUNITY shared`).
    shared_language: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The facilitators' own opening line for intros, in English and in French (None: the
    # standard conversation starter).
    intro_text: Mapped[str | None] = mapped_column(Text)
    intro_text_fr: Mapped[str | None] = mapped_column(Text)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("schedules.id", ondelete="SET NULL"))
    # Set by a facilitator's re-roll: the seed of the next round.
    next_seed: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoffeeParticipantStatus(StrEnum):
    """A member's place in a coffee program."""

    ACTIVE = "active"
    SNOOZED = "snoozed"  # until `snoozed_until`, or until they join again when that is empty
    LEFT = "left"


class CoffeeParticipant(Base):
    """A member who joined a coffee program."""

    __tablename__ = "coffee_participants"
    __table_args__ = (UniqueConstraint("program_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("coffee_programs.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=CoffeeParticipantStatus.ACTIVE.value)
    snoozed_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Intros in a row they did not answer; three auto-snooze them.
    ignored_streak: Mapped[int] = mapped_column(Integer, default=0)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoffeeNever(Base):
    """A member's private, hard "never pair me with them" (in every program)."""

    __tablename__ = "coffee_never_pairs"
    __table_args__ = (UniqueConstraint("member_id", "other_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoffeeRoundStatus(StrEnum):
    """Where a round is."""

    SCHEDULED = "scheduled"
    RUNNING = "running"  # claimed by a process: forming groups, opening conversations
    INTRODUCED = "introduced"
    SKIPPED = "skipped"  # paused, or fewer than two people
    MISSED = "missed"  # Guildbot was down past the round's grace period


class CoffeeRound(Base):
    """One round of a program: unique per (program, occurrence), so it happens once."""

    __tablename__ = "coffee_rounds"
    __table_args__ = (
        UniqueConstraint("program_id", "occurrence_at"),
        Index("ix_coffee_rounds_due", "status", "occurrence_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("coffee_programs.id", ondelete="CASCADE"))
    occurrence_at: Mapped[datetime] = mapped_column(UtcDateTime())
    local_date: Mapped[str] = mapped_column(String(10))
    follow_up_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16), default=CoffeeRoundStatus.SCHEDULED.value)
    seed: Mapped[int] = mapped_column(Integer)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    total: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoffeeRoundAnswer(Base):
    """A member's answer to "in this time?" for a per-round program."""

    __tablename__ = "coffee_round_answers"
    __table_args__ = (UniqueConstraint("round_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("coffee_rounds.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    joining: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoffeeGroup(Base):
    """A group formed in a round, why, and who proposes a time (its conversation is a
    `GroupConversation`, opened when its intro is first sent)."""

    __tablename__ = "coffee_groups"
    __table_args__ = (UniqueConstraint("round_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("coffee_rounds.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(String(500))  # in English
    # The reason's parts (`matching.pairing.ReasonPart.as_json`), so each reader gets it in
    # their language; None for groups formed before they were kept.
    reason_parts: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    # Counted when the group is formed, for the program's figures (so they need not walk
    # the program's whole history of pairs at every view, and stay as they were when a
    # member is erased): whether two of its members were grouped in an earlier round, and
    # how many of its pairs, from two departments as they were then, meet for the first time.
    repeated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    new_pairs_across: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CoffeeGroupMember(Base):
    """A member of a group, and their answer to the follow-up."""

    __tablename__ = "coffee_group_members"
    __table_args__ = (UniqueConstraint("group_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("coffee_groups.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    response: Mapped[str | None] = mapped_column(String(16))  # met | not_yet | skip
    responded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ShardClaim(Base):
    """A gateway shard one running instance holds (Discord), kept alive by its heartbeat.

    One row per platform and shard id: an instance claims a row that is free or whose lease
    has run out, so two live instances can never both receive one shard's events.
    """

    __tablename__ = "shard_claims"
    __table_args__ = (UniqueConstraint("platform", "shard_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    shard_id: Mapped[int] = mapped_column(Integer)
    shard_count: Mapped[int] = mapped_column(Integer)
    claimed_by: Mapped[str] = mapped_column(String(100))
    lease_until: Mapped[datetime] = mapped_column(UtcDateTime())
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime())


class StoredConversation(Base):
    """Where a platform lets the bot speak first: a conversation reference kept for proactive
    messages (Teams), under the short key the core uses as its `channel_id`.

    `reference` is the platform's own serialised reference (plain JSON, never an SDK object);
    `user_id` is the member whose 1:1 chat this is, for direct conversations; `members` lists
    the people of a group the platform cannot open a group chat for (each is messaged).
    """

    __tablename__ = "stored_conversations"
    __table_args__ = (
        UniqueConstraint("platform", "workspace_id", "conversation_key"),
        Index("ix_stored_conversations_member", "platform", "workspace_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    conversation_key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str | None] = mapped_column(String(64))
    reference: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    members: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PlatformContact(Base):
    """What a platform told the bot about a person it met (in a team roster or a message):
    the platform's own long id, their name and sign-in name, and where they were seen — so
    the bot can open a 1:1 chat with them or link to a group chat later."""

    __tablename__ = "platform_contacts"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64))
    platform_user_id: Mapped[str] = mapped_column(String(300))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    principal_name: Mapped[str | None] = mapped_column(String(320))
    service_url: Mapped[str | None] = mapped_column(String(500))
    seen_in: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ConversationSlot(Base):
    """When the next message may be sent to one conversation, across every process.

    A platform allows about one message a second per conversation (Slack: per channel); each
    send books its slot here, in the transaction that renews its outbox lease, so processes
    sharing PostgreSQL pace a conversation together. `conversation` is the channel id, or
    ``member:<id>`` for direct messages to a member. Rows whose time is long past say nothing
    and are pruned.
    """

    __tablename__ = "conversation_slots"

    platform: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation: Mapped[str] = mapped_column(String(80), primary_key=True)
    next_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class DashboardLink(Base):
    """A sign-in link to the facilitators' dashboard, sent privately in chat: bound to one
    member, valid once and briefly. Only a digest of its secret part is kept, so the table
    cannot be used to sign in."""

    __tablename__ = "dashboard_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    # The community the link opens on; None: the member's overview.
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE")
    )
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
