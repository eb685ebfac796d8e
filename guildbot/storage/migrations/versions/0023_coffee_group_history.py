"""coffee group history: each group's repeat and its new pairs across departments

Counted when a group is formed from then on; backfilled here for the groups already formed,
round by round in time order, as the figures counted them until now (departments as they
are at the upgrade).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coffee_groups") as batch:
        batch.add_column(
            sa.Column("repeated", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(
            sa.Column("new_pairs_across", sa.Integer(), server_default="0", nullable=False)
        )
    _backfill(op.get_bind())


def _backfill(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.text(
            "SELECT r.program_id, g.id, m.member_id, p.department_id "
            "FROM coffee_groups g JOIN coffee_rounds r ON r.id = g.round_id "
            "JOIN coffee_group_members m ON m.group_id = g.id "
            "JOIN members p ON p.id = m.member_id "
            "WHERE r.status = 'introduced' "
            "ORDER BY r.program_id, r.occurrence_at, r.id, g.position, m.member_id"
        )
    ).all()
    groups: dict[int, tuple[int, list[tuple[int, int | None]]]] = {}
    for program_id, group_id, member_id, department_id in rows:
        groups.setdefault(group_id, (program_id, []))[1].append((member_id, department_id))
    seen: set[tuple[int, int, int]] = set()
    updates = []
    for group_id, (program_id, members) in groups.items():  # in time order (dicts keep it)
        pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1 :] if a[0] != b[0]]
        keys = {(program_id, a[0], b[0]) for a, b in pairs}
        repeated = bool(keys & seen)
        across = sum(
            1
            for a, b in pairs
            if (program_id, a[0], b[0]) not in seen
            and a[1] is not None
            and b[1] is not None
            and a[1] != b[1]
        )
        seen |= keys
        if repeated or across:
            updates.append({"id": group_id, "repeated": repeated, "across": across})
    if updates:
        connection.execute(
            sa.text(
                "UPDATE coffee_groups SET repeated = :repeated, new_pairs_across = :across "
                "WHERE id = :id"
            ),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("coffee_groups") as batch:
        batch.drop_column("new_pairs_across")
        batch.drop_column("repeated")
