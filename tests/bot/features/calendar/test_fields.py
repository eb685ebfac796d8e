"""Button-value fields read back from JSON: anything of the wrong type or out of range is
refused with TypeError."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.calendar.fields import integer, listing, string

ANYTHING = st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.lists(st.none())


@given(
    value=ANYTHING, lowest=st.none() | st.integers(-5, 5), highest=st.none() | st.integers(-5, 5)
)
def test_an_integer_is_an_int_within_its_bounds(
    value: Any, lowest: int | None, highest: int | None
) -> None:
    fits = (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (lowest is None or value >= lowest)
        and (highest is None or value <= highest)
    )
    if fits:
        assert integer(value, lowest, highest) == value
    else:
        with pytest.raises(TypeError):
            integer(value, lowest, highest)


@given(value=ANYTHING, longest=st.none() | st.integers(0, 5))
def test_a_string_is_a_str_no_longer_than_allowed(value: Any, longest: int | None) -> None:
    if isinstance(value, str) and (longest is None or len(value) <= longest):
        assert string(value, longest) == value
    else:
        with pytest.raises(TypeError):
            string(value, longest)


def test_a_listing_is_a_list() -> None:
    assert listing([1]) == [1]
    for value in ({}, "[]", None, (1,)):
        with pytest.raises(TypeError):
            listing(value)
