"""Coffee buttons: each kind of value reads back what it wrote, and nothing else; a made-up
value is an expired button, never an error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.bot.features.coffee import buttons
from guildbot.bot.features.coffee.buttons import (
    MAX_ID,
    GroupButton,
    ProgramButton,
    RoundButton,
    RowButton,
)
from guildbot.contract.outbound import Button
from tests.bot.features.coffee.test_coffee import community_with
from tests.fakes import Harness

KINDS: tuple[type[RowButton], ...] = (ProgramButton, GroupButton, RoundButton)
ACTIONS = sorted(value for name, value in vars(buttons).items() if name.startswith("ACTION_"))
ids = st.integers(min_value=1, max_value=MAX_ID)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=200, deadline=None)
@given(row_id=ids)
def test_a_value_reads_back_as_written(kind: type[RowButton], row_id: int) -> None:
    written = kind(row_id).encode()
    assert kind.decode(written) == kind(row_id)
    assert len(written) <= 64  # fits every platform's button value


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=40))
def test_decoding_never_raises_and_only_takes_what_encode_writes(
    kind: type[RowButton], value: str
) -> None:
    decoded = kind.decode(value)
    assert decoded is None or decoded.encode() == value


@pytest.mark.parametrize("value", ["", "0", "01", "-1", "+1", " 1", "1 ", "1.0", "²", "١٢", "x"])
def test_values_we_never_write_are_not_read(value: str) -> None:
    for kind in KINDS:
        assert kind.decode(value) is None


def test_a_value_past_what_a_row_id_can_be_is_not_read() -> None:
    assert ProgramButton.decode(str(MAX_ID + 1)) is None
    with pytest.raises(ValueError, match="row id"):
        ProgramButton(0)


async def test_made_up_button_values_are_expired_buttons(harness: Harness) -> None:
    await community_with(harness)
    await harness.text("ana", "coffee setup data-science")
    for action in ACTIONS:
        for value in ("²", "x", "", "99999999999999999999"):
            [reply] = await harness.press("ana", Button("?", action, value))
            assert reply.text == "That button has expired.", (action, value)
