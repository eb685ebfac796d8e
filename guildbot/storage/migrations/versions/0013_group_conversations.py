"""group conversations: the outbox sends to a group, and delivery opens its conversation once

A coffee group's intro and follow-up are queued to the group, not to a conversation opened
beforehand: delivery opens the group's conversation on the first send and keeps its
reference here, keyed by the group, so a crash between opening it and recording it never
leaves a second one (adapters find a conversation again by its key). The conversation
columns of coffee groups go.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 22:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "group_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("group_key", sa.String(length=64), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=True),
        sa.Column("conversation_kind", sa.String(length=16), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_conversations")),
        sa.UniqueConstraint(
            "platform",
            "workspace_id",
            "group_key",
            name=op.f("uq_group_conversations_platform_workspace_id_group_key"),
        ),
    )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("target_group_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_outbox_target_group_id_group_conversations",
            "group_conversations",
            ["target_group_id"],
            ["id"],
            ondelete="CASCADE",
        )
    with op.batch_alter_table("coffee_groups") as batch:
        batch.drop_column("conversation_kind")
        batch.drop_column("channel_id")


def downgrade() -> None:
    with op.batch_alter_table("coffee_groups") as batch:
        batch.add_column(sa.Column("channel_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("conversation_kind", sa.String(length=16), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint("fk_outbox_target_group_id_group_conversations", type_="foreignkey")
        batch.drop_column("target_group_id")
    op.drop_table("group_conversations")
