"""community languages: what a community posts in (en, fr, or both in one post), and its
welcome in French beside its welcome in English

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 18:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("communities") as batch:
        # Every community so far posted in English.
        batch.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="en")
        )
        batch.add_column(sa.Column("welcome_text_fr", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("communities") as batch:
        batch.drop_column("welcome_text_fr")
        batch.drop_column("language")
