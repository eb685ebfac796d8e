"""A platform's language tag becomes a member's locale when it is one; anything else leaves
the default."""

from __future__ import annotations

import pytest

from guildbot.bot.identity import language_tag


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("en-GB", "en-GB"),
        ("fr", "fr"),
        ("es-419", "es-419"),
        ("zh_CN", "zh-CN"),
        (None, None),
        ("", None),
        ("english please", None),
        ("x" * 20, None),
    ],
)
def test_a_language_tag_is_kept_only_when_it_is_one(given: str | None, kept: str | None) -> None:
    assert language_tag(given) == kept
