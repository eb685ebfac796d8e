"""The directory's button values survive the round trip, and junk reads as nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.directory.buttons import MAX_NAME, Named

names = st.text(min_size=1, max_size=MAX_NAME).map(lambda s: " ".join(s.split())).filter(bool)


@given(names)
def test_a_name_comes_back_as_it_went(name: str) -> None:
    assert Named.decode(Named(name).encode()) == Named(name)


@given(st.text(max_size=400))
def test_any_value_decodes_to_a_tidy_name_or_nothing(value: str) -> None:
    decoded = Named.decode(value)
    if decoded is None:
        assert not value.split() or len(" ".join(value.split())) > MAX_NAME
    else:
        assert 0 < len(decoded.name) <= MAX_NAME
        assert decoded.name == decoded.name.strip()
