"""outbox incidents: when a row was claimed (where to look for it on the platform after its
claimer vanished), and the incident an uncertain row belongs to (one question per incident)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 11:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("incident", sa.String(length=120), nullable=True))
        batch.create_index(op.f("ix_outbox_incident"), ["incident"])


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index(op.f("ix_outbox_incident"))
        batch.drop_column("incident")
        batch.drop_column("claimed_at")
