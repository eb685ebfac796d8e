"""outbox owners: what each queued message belongs to, so it is cancelled with it

Features used to cancel by matching dedupe keys with LIKE. Rows now carry their owner (an
event, an announcement, a question, a coffee round or group…), their purpose (a reminder, an
invitation…) and, where it has one, the occurrence they are about. Rows that may still be
sent or cancelled are backfilled from their keys. Invitations no longer keep their outbox key:
an invitation's message is found by its question and member.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 21:00:00.000000
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A local occurrence as stored (`recurrence.LOCAL_FORMAT`).
_LOCAL = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"
# The dedupe keys features wrote before this revision: (pattern, owner kind, purpose).
_KEYS = (
    (r"schedule:(?P<id>\d+):(?P<occurrence>.+)", "schedule", "occurrence"),
    (r"notice:(?P<purpose>[\w-]+):(?P<id>\d+):\d+", "outbox", None),
    (r"question:(?P<id>\d+):(?P<purpose>[\w-]+)(?::.*)?", "question", None),
    (r"coffee:ask:(?P<id>\d+):\d+", "coffee-round", "ask"),
    (r"coffee:(?P<purpose>intro|follow-up):(?P<id>\d+)", "coffee-group", None),
    (r"coffee:(?P<purpose>[\w-]+):(?P<id>\d+):\d+", "coffee-round", None),
    (r"event:(?P<id>\d+):(?P<purpose>posted)", "event", None),
    (rf"event-remind:(?P<id>\d+):(?P<occurrence>{_LOCAL}):.*", "event", "remind"),
    (rf"event-(?P<purpose>promoted):(?P<id>\d+):(?P<occurrence>{_LOCAL}):.*", "event", None),
    (r"event-(?P<purpose>changed):(?P<id>\d+):.*", "event", None),
    (r"event-(?P<purpose>cancelled):(?P<id>\d+):all(?::m\d+)?", "event", None),
    (
        rf"event-(?P<purpose>cancelled):(?P<id>\d+):(?P<occurrence>{_LOCAL})(?::m\d+)?",
        "event",
        None,
    ),
    (r"announce:(?P<id>\d+):.*", "announcement", "post"),
)
_OPEN = ("pending", "claimed", "failed", "missed", "uncertain", "cancelled")


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("owner_kind", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("owner_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("purpose", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("occurrence", sa.String(length=40), nullable=True))
        batch.create_index("ix_outbox_owner", ["owner_kind", "owner_id", "status"], unique=False)
    with op.batch_alter_table("question_invitations") as batch:
        batch.drop_column("outbox_key")
    connection = op.get_bind()
    outbox = sa.table(
        "outbox",
        sa.column("id", sa.Integer),
        sa.column("dedupe_key", sa.String),
        sa.column("status", sa.String),
        sa.column("owner_kind", sa.String),
        sa.column("owner_id", sa.String),
        sa.column("purpose", sa.String),
        sa.column("occurrence", sa.String),
    )
    rows = connection.execute(
        sa.select(outbox.c.id, outbox.c.dedupe_key).where(outbox.c.status.in_(_OPEN))
    ).all()
    for row_id, key in rows:
        for pattern, kind, purpose in _KEYS:
            match = re.fullmatch(pattern, key)
            if match is None:
                continue
            found = match.groupdict()
            connection.execute(
                sa.update(outbox)
                .where(outbox.c.id == row_id)
                .values(
                    owner_kind=kind,
                    owner_id=found["id"],
                    purpose=(purpose or found.get("purpose") or "")[:32],
                    occurrence=(found.get("occurrence") or None),
                )
            )
            break


def downgrade() -> None:
    with op.batch_alter_table("question_invitations") as batch:
        batch.add_column(sa.Column("outbox_key", sa.String(length=200), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_owner")
        batch.drop_column("occurrence")
        batch.drop_column("purpose")
        batch.drop_column("owner_id")
        batch.drop_column("owner_kind")
