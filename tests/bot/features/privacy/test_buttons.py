"""The erase button names its member, and nothing else decodes as anyone's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.privacy.buttons import ErasureOf


@given(st.integers(min_value=1, max_value=2**53))
def test_a_member_id_comes_back_as_it_went(member_id: int) -> None:
    assert ErasureOf.decode(ErasureOf(member_id).encode()) == ErasureOf(member_id)


@given(st.text(max_size=40))
def test_anything_else_is_nobody_or_a_plain_number(value: str) -> None:
    decoded = ErasureOf.decode(value)
    if decoded is not None:
        assert decoded.encode().lstrip("0") == value.lstrip("0")


def test_signs_spaces_and_other_digits_are_nobody() -> None:
    for value in ("-3", " 3", "3 ", "+3", "٣", "", "3.0"):
        assert ErasureOf.decode(value) is None
