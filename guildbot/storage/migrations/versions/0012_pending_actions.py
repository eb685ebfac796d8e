"""pending actions: what a button stands for, when it is more than its short value

A button carries a short value (a platform allows little: Discord 100 characters for the
whole custom id). What a button means beyond that — an event draft, a long name — is kept
here under a short id, so any instance can handle the press, after any restart.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 22:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_actions",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("action_id", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_actions")),
    )
    op.create_index(
        op.f("ix_pending_actions_expires_at"), "pending_actions", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pending_actions_expires_at"), table_name="pending_actions")
    op.drop_table("pending_actions")
