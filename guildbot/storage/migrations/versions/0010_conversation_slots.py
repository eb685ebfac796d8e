"""conversation send slots: per-conversation pacing shared by every process

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation_slots",
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("conversation", sa.String(length=80), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "platform", "workspace_id", "conversation", name=op.f("pk_conversation_slots")
        ),
    )
    op.create_index(
        op.f("ix_conversation_slots_next_at"), "conversation_slots", ["next_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_conversation_slots_next_at"), table_name="conversation_slots")
    op.drop_table("conversation_slots")
