"""Who owns what coffee queues, and the outbox key of each kind of message.

A program owns its schedule; a round owns its notes to members (one per member and
purpose); a group owns its intro and follow-up, sent to the group's conversation. The key
texts are stored with queued messages, so they never change.
"""

from __future__ import annotations

from guildbot.bot.scheduler.outbox import OutboxKey, Owner

OWNER_KIND = "coffee"  # the schedule owner kind whose occurrences are rounds

# What a round tells one member (the purposes of round notes).
ASK = "ask"
UNMATCHED = "unmatched"
AUTOSNOOZE = "autosnooze"
SKIPPED = "skipped"
MISSED = "missed"

INTRO = "intro"
FOLLOW_UP = "follow-up"


def program(program_id: int) -> Owner:
    """What a program's schedule belongs to."""
    return Owner.of(OWNER_KIND, program_id)


def round_note(purpose: str, round_id: int, member_id: int) -> OutboxKey:
    """A note to one member about one round (are you in? unmatched, skipped…)."""
    return OutboxKey(
        f"coffee:{purpose}:{round_id}:{member_id}", Owner.of("coffee-round", round_id), purpose
    )


def group_message(purpose: str, group_id: int) -> OutboxKey:
    """A group's intro or follow-up."""
    return OutboxKey(f"coffee:{purpose}:{group_id}", Owner.of("coffee-group", group_id), purpose)


def group_conversation(group_id: int) -> str:
    """The key of a group's conversation (see `Outbox.group`)."""
    return f"coffee-group:{group_id}"
