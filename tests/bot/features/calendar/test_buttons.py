"""Button values read back exactly what they wrote, and anything else is None, never an error:
a value comes from outside (a platform, a forged press, a button sent by an older version)."""

import json
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.bot.features.calendar.buttons import (
    ANSWERS,
    NEXT,
    CancelValue,
    DraftValue,
    RsvpValue,
    rsvp_buttons,
)
from guildbot.bot.features.calendar.phrases import Repeat
from guildbot.bot.scheduler.recurrence import format_local
from guildbot.contract.outbound import MAX_BUTTON_VALUE
from guildbot.storage.models import RsvpStatus

EVENT_IDS = st.integers(min_value=0, max_value=10**18 - 1)
LOCALS = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 12, 31)).map(
    lambda moment: format_local(moment.replace(microsecond=0))
)
RULES = st.sampled_from(
    [
        Repeat("WEEKLY", days=("TH",)).rrule(),
        Repeat("MONTHLY", days=("TH",), nth=1).rrule(),
        Repeat("WEEKLY", interval=2, days=("WE",), count=10).rrule(),
        Repeat("DAILY").rrule(),
    ]
)
ZONES = st.sampled_from(["UTC", "America/Toronto", "Europe/Paris", "Asia/Kolkata"])
DRAFTS = st.builds(
    DraftValue,
    community_id=st.integers(min_value=1, max_value=10**9),
    channel_id=st.text(max_size=64),
    title=st.text(max_size=120),
    local_start=LOCALS.filter(lambda text: "2000" <= text[:4] <= "2100"),
    timezone=ZONES,
    duration_minutes=st.integers(min_value=5, max_value=7 * 24 * 60),
    rrule=st.none() | RULES,
    location=st.text(max_size=200),
    description=st.text(max_size=500),
    capacity=st.none() | st.integers(min_value=1, max_value=10_000),
    offsets=st.lists(st.integers(min_value=60, max_value=30 * 86400), max_size=5).map(tuple),
    notify=st.sampled_from(["both", "channel", "going", "none"]),
    nonce=st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)
DRAFT_KEYS = ("c", "ch", "t", "s", "z", "d", "r", "l", "n", "k", "o", "m", "x")


@given(EVENT_IDS, st.just(NEXT) | LOCALS, st.sampled_from(ANSWERS))
def test_an_rsvp_value_reads_back_what_it_wrote(
    event_id: int, occurrence: str, answer: RsvpStatus
) -> None:
    value = RsvpValue(event_id, occurrence, answer)
    assert RsvpValue.decode(value.encode()) == value


@given(EVENT_IDS, st.none() | LOCALS)
def test_a_cancel_value_reads_back_what_it_wrote(event_id: int, occurrence: str | None) -> None:
    value = CancelValue(event_id, occurrence)
    assert CancelValue.decode(value.encode()) == value


@settings(max_examples=200)
@given(DRAFTS)
def test_a_draft_reads_back_what_it_wrote(draft: DraftValue) -> None:
    assert DraftValue.decode(draft.encode()) == draft


@settings(max_examples=500)
@given(st.text())
def test_any_text_decodes_to_a_value_or_none_never_an_error(text: str) -> None:
    for kind in (RsvpValue, CancelValue, DraftValue):
        decoded = kind.decode(text)
        assert decoded is None or isinstance(decoded, kind)


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(DRAFT_KEYS), JSON) | JSON)
def test_any_json_decodes_to_a_draft_or_none_never_an_error(data: object) -> None:
    decoded = DraftValue.decode(json.dumps(data))
    assert decoded is None or isinstance(decoded, DraftValue)


@given(DRAFTS, st.sampled_from(DRAFT_KEYS), JSON)
def test_a_draft_with_a_field_of_another_kind_is_none_or_still_a_draft(
    draft: DraftValue, key: str, replacement: object
) -> None:
    data = json.loads(draft.encode())
    data[key] = replacement
    decoded = DraftValue.decode(json.dumps(data))
    assert decoded is None or isinstance(decoded, DraftValue)


def test_values_buttons_already_sent_still_read() -> None:
    # What posts and replies sent before these codecs carry.
    assert RsvpValue.decode("7|2026-12-03T14:00:00|going") == RsvpValue(
        7, "2026-12-03T14:00:00", ANSWERS[0]
    )
    assert RsvpValue.decode("7|next|declined") == RsvpValue(7, NEXT, ANSWERS[2])
    assert CancelValue.decode("7") == CancelValue(7)
    assert CancelValue.decode("7 all") == CancelValue(7)


def test_malformed_values_are_none() -> None:
    for value in (
        "",
        "7|next",
        "7|next|waitlisted",  # nobody answers "waitlisted"
        "x|next|going",
        "7|2026-02-30T10:00:00|going",
        "7|2026-12-03 14:00|going",
        "9" * 5000 + "|next|going",
        "²|next|going",
    ):
        assert RsvpValue.decode(value) is None, value
    for value in ("", "all", "7 Dec 3", "7 2026-13-01T00:00:00", "-7 all"):
        assert CancelValue.decode(value) is None, value
    for value in ("", "[]", "{}", "[" * 100_000, '{"c": 1}'):
        assert DraftValue.decode(value) is None, value[:20]


def test_rsvp_buttons_fit_every_platform() -> None:
    buttons = rsvp_buttons(10**18 - 1, "2026-12-03T14:00:00")
    assert [b.label for b in buttons] == ["Going", "Maybe", "Can't go"]
    assert all(len(b.value) <= MAX_BUTTON_VALUE for b in buttons)
