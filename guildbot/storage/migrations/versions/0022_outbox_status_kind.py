"""outbox status and kind: an index on (status, kind), so that /metrics counts the rows still
to settle by status and kind from the index alone

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 13:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_outbox_status_kind", "outbox", ["status", "kind"])


def downgrade() -> None:
    op.drop_index("ix_outbox_status_kind", table_name="outbox")
