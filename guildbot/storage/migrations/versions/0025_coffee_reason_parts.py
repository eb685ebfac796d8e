"""coffee groups keep their reason's parts, so each reader gets it in their language

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-08 03:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coffee_groups") as batch:
        # Groups formed so far keep their English reason only (shown as it is).
        batch.add_column(sa.Column("reason_parts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coffee_groups") as batch:
        batch.drop_column("reason_parts")
