"""languages: what a community posts in (en, fr, or both in one post), its welcome and its
coffee intros' opening line in French beside English, members' working languages for coffee
and a program's option to keep a shared language

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
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("working_languages", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("practice_language", sa.String(length=8), nullable=True))
    with op.batch_alter_table("coffee_programs") as batch:
        batch.add_column(
            sa.Column("shared_language", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("intro_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("intro_text_fr", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coffee_programs") as batch:
        batch.drop_column("intro_text_fr")
        batch.drop_column("intro_text")
        batch.drop_column("shared_language")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("practice_language")
        batch.drop_column("working_languages")
    with op.batch_alter_table("communities") as batch:
        batch.drop_column("welcome_text_fr")
        batch.drop_column("language")
