"""The privacy inventory covers every table of the schema, and `guildbot privacy inventory`
prints it without a database."""

from __future__ import annotations

import json
from pathlib import Path

from guildbot.storage.inventory import PURPOSES, inventory, undocumented
from guildbot.storage.models import Base
from tests.cli import guildbot


def test_every_table_says_why_it_exists_and_how_long_it_is_kept() -> None:
    assert undocumented() == [], "add the new tables to storage/inventory.py PURPOSES"
    tables = {t.name for t in Base.metadata.sorted_tables}
    assert set(PURPOSES) == tables  # nothing documented that no longer exists
    entries = inventory()
    assert [e.table for e in entries] == sorted(
        (e.table for e in entries), key=lambda t: (not PURPOSES[t].personal, t)
    )
    by_table = {e.table: e for e in entries}
    assert "email" in by_table["members"].columns and by_table["members"].purpose.personal
    assert "GUILDBOT_RETENTION_MESSAGES_DAYS" in by_table["outbox"].purpose.kept


def test_the_command_prints_it_offline(tmp_path: Path) -> None:
    text = guildbot(tmp_path, "privacy", "inventory")
    assert text.returncode == 0, text.stderr
    assert "members (personal data)" in text.stdout
    assert "skills (no personal data)" in text.stdout
    listed = guildbot(tmp_path, "privacy", "inventory", "--json")
    data = json.loads(listed.stdout)
    assert {row["table"] for row in data} == {t.name for t in Base.metadata.sorted_tables}
    assert not (tmp_path / "guildbot.db").exists()  # no database was opened
