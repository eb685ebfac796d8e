"""stored conversations and platform contacts: Teams conversation references for proactive messages

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stored_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("conversation_key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.Column("reference", sa.JSON(), nullable=False),
        sa.Column("members", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_conversations")),
        sa.UniqueConstraint(
            "platform",
            "workspace_id",
            "conversation_key",
            name=op.f("uq_stored_conversations_platform_workspace_id_conversation_key"),
        ),
    )
    op.create_index(
        "ix_stored_conversations_member",
        "stored_conversations",
        ["platform", "workspace_id", "user_id"],
    )
    op.create_table(
        "platform_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("platform_user_id", sa.String(length=300), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("principal_name", sa.String(length=320), nullable=True),
        sa.Column("service_url", sa.String(length=500), nullable=True),
        sa.Column("seen_in", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_contacts")),
        sa.UniqueConstraint(
            "platform",
            "workspace_id",
            "user_id",
            name=op.f("uq_platform_contacts_platform_workspace_id_user_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("platform_contacts")
    op.drop_index("ix_stored_conversations_member", table_name="stored_conversations")
    op.drop_table("stored_conversations")
