"""What Guildbot stores, where, why and for how long: the privacy inventory a privacy impact
assessment asks for (`guildbot privacy inventory`).

The tables and their columns are read from the models, so the inventory never drifts from the
schema; what each table is for, whether it holds personal data and how long it is kept are
written here once per table — a test fails when a table is added without them.
"""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.storage.models import Base

# How long, in words; the two configurable periods name their setting.
UNTIL_ERASED = "until the member erases themself (privacy erase) or leaves the organisation"
WHILE_USED = "while the thing it belongs to exists"
MESSAGES = "GUILDBOT_RETENTION_MESSAGES_DAYS after sending (30 by default), then deleted"


@dataclass(frozen=True, slots=True)
class Purpose:
    """Why a table exists, whether it holds personal data, and how long rows are kept."""

    why: str
    personal: bool
    kept: str


PURPOSES: dict[str, Purpose] = {
    "members": Purpose(
        "the directory: name, e-mail, department, title, time zone, availability",
        True,
        UNTIL_ERASED,
    ),
    "platform_identities": Purpose(
        "which chat account (platform user id) is which member", True, UNTIL_ERASED
    ),
    "platform_contacts": Purpose(
        "what a platform said about an account (name, sign-in name) to message it first",
        True,
        UNTIL_ERASED,
    ),
    "stored_conversations": Purpose(
        "references that let the bot open a direct message (Teams)", True, UNTIL_ERASED
    ),
    "departments": Purpose("department names, for cross-department matching", False, WHILE_USED),
    "skills": Purpose("the organisation's skill vocabulary", False, WHILE_USED),
    "skill_aliases": Purpose("other spellings of skills", False, WHILE_USED),
    "member_skills": Purpose("skills members declared", True, UNTIL_ERASED),
    "communities": Purpose("communities of practice: name, description", False, WHILE_USED),
    "memberships": Purpose("who is in which community, with which role", True, UNTIL_ERASED),
    "community_channels": Purpose("which chat channel is a community's", False, WHILE_USED),
    "organisation_settings": Purpose("organisation-wide defaults", False, WHILE_USED),
    "audit_log": Purpose(
        "who changed what (and refused attempts), for accountability; an erased member's "
        "entries keep an id that no longer resolves to anyone",
        True,
        "for the life of the deployment (the accountability record)",
    ),
    "questions": Purpose(
        "questions members asked, where, and who resolved them", True, UNTIL_ERASED
    ),
    "question_invitations": Purpose(
        "who was asked to help with a question, and their answer", True, UNTIL_ERASED
    ),
    "expertise_evidence": Purpose(
        "what shows a member knows a topic (answers, thanks, referrals), for routing",
        True,
        UNTIL_ERASED,
    ),
    "expertise_consents": Purpose(
        "whether a member agreed to be suggested as an expert", True, UNTIL_ERASED
    ),
    "channel_modes": Purpose("how the bot treats questions in a channel", False, WHILE_USED),
    "legal_holds": Purpose(
        "legal holds that suspend erasure and purging, with why and who placed them",
        True,
        "for the life of the deployment (lifted holds stay as the record)",
    ),
    "routing_models": Purpose(
        "ranking weights fitted on resolved questions (numbers only, nobody's name)",
        False,
        "each refit adds one; older ones are history",
    ),
    "calendar_events": Purpose("community events", False, WHILE_USED),
    "calendar_cancellations": Purpose("cancelled dates of events", False, WHILE_USED),
    "calendar_rsvps": Purpose("members' answers to events (going, maybe…)", True, UNTIL_ERASED),
    "calendar_announcements": Purpose("scheduled announcements", False, WHILE_USED),
    "calendar_feeds": Purpose(
        "whether a community's feed is private, and its token", False, WHILE_USED
    ),
    "coffee_programs": Purpose("communities' coffee intro settings", False, WHILE_USED),
    "coffee_participants": Purpose(
        "who takes part in coffee intros (joined, snoozed, left)", True, UNTIL_ERASED
    ),
    "coffee_never_pairs": Purpose(
        "a member's private 'never pair me with' choices", True, UNTIL_ERASED
    ),
    "coffee_rounds": Purpose("coffee rounds and when they ran", False, WHILE_USED),
    "coffee_round_answers": Purpose(
        "members' 'I'm in / not this time' for a round", True, UNTIL_ERASED
    ),
    "coffee_groups": Purpose("the groups a round made", False, WHILE_USED),
    "coffee_group_members": Purpose(
        "who was in which group, and whether they met", True, UNTIL_ERASED
    ),
    "group_conversations": Purpose(
        "platform user ids of a group the bot writes to, to open its chat", True, UNTIL_ERASED
    ),
    "outbox": Purpose(
        "every message to be sent, or sent: its text (which may name people) and delivery "
        "state, so each goes out exactly once",
        True,
        MESSAGES,
    ),
    "schedules": Purpose("recurring messages (reminders, announcements)", False, WHILE_USED),
    "pending_actions": Purpose(
        "what a long button value stands for (an event draft)", False, "60 days"
    ),
    "processed_events": Purpose(
        "ids of platform events already handled (platforms retry)", False, "2 days"
    ),
    "conversation_slots": Purpose(
        "when each conversation may next be written to (rate limits)", False, "1 hour"
    ),
    "dashboard_links": Purpose(
        "one-time sign-in links to the dashboard: whose, which community, a digest of the "
        "secret part, when made and used",
        True,
        "1 day (a link works for 15 minutes), then deleted by the hourly housekeeping",
    ),
    "live_instances": Purpose(
        "which instances ticked lately, to share platforms' rate limits", False, "1 day"
    ),
    "shard_claims": Purpose(
        "which instance holds which Discord gateway shard", False, "while the instance lives"
    ),
}


# Shown for a table added without a purpose (a test keeps this from ever shipping).
UNDOCUMENTED = Purpose("not documented: treat as personal data", True, "unknown")


@dataclass(frozen=True, slots=True)
class Entry:
    """One table in the inventory."""

    table: str
    columns: tuple[str, ...]
    purpose: Purpose


def inventory() -> list[Entry]:
    """Every table of the schema with its columns and purpose, personal data first."""
    entries = [
        Entry(
            table.name,
            tuple(column.name for column in table.columns),
            PURPOSES.get(table.name, UNDOCUMENTED),
        )
        for table in Base.metadata.sorted_tables
    ]
    return sorted(entries, key=lambda e: (not e.purpose.personal, e.table))


def undocumented() -> list[str]:
    """Tables of the schema without a purpose here (none, or the inventory is incomplete)."""
    return sorted(t.name for t in Base.metadata.sorted_tables if t.name not in PURPOSES)


def as_text(entries: list[Entry]) -> str:
    """The inventory as plain text, one block per table."""
    blocks = []
    for entry in entries:
        marker = "personal data" if entry.purpose.personal else "no personal data"
        blocks.append(
            f"{entry.table} ({marker})\n"
            f"  why:  {entry.purpose.why}\n"
            f"  kept: {entry.purpose.kept}\n"
            f"  columns: {', '.join(entry.columns)}"
        )
    return "\n\n".join(blocks)
