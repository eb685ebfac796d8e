"""Which choices a bare number answers, and presses counted once (no homeserver needed:
the remembered choices are answered before anything is read back)."""

from __future__ import annotations

import pytest

from guildbot.adapters.matrix import pressing
from guildbot.adapters.matrix.choices import Choice, ChoiceSet
from guildbot.adapters.matrix.pressing import ChoiceBook

BOT = "@guildbot:guild.test"
ANA, BEN = "@ana:guild.test", "@ben:guild.test"
ROOM, OTHER_ROOM = "!room:guild.test", "!other:guild.test"
GOING = (Choice("Going", "rsvp", "yes"), Choice("Not going", "rsvp", "no"))


def choices(event_id: str, for_user: str | None) -> ChoiceSet:
    return ChoiceSet(event_id, for_user, GOING, {"body": "?"})


async def test_a_number_answers_the_members_own_latest_choices_before_the_rooms() -> None:
    book = ChoiceBook(BOT)
    rsvp, anas, older = choices("$rsvp", None), choices("$ana", ANA), choices("$old", ANA)
    book.remember(ROOM, rsvp)
    book.remember(ROOM, older)
    book.remember(ROOM, anas)
    assert await book.answered_by_number(None, ROOM, ANA, None) is anas
    assert await book.answered_by_number(None, ROOM, BEN, None) is rsvp
    assert await book.answered_by_number(None, OTHER_ROOM, ANA, None) is None


async def test_a_member_who_said_something_else_answers_the_rooms_choices_next() -> None:
    book = ChoiceBook(BOT)
    rsvp, anas = choices("$rsvp", None), choices("$ana", ANA)
    book.remember(ROOM, rsvp)
    book.remember(ROOM, anas)
    book.forget(ROOM, ANA)
    assert await book.answered_by_number(None, ROOM, ANA, None) is rsvp


async def test_a_reply_answers_the_message_replied_to_when_it_is_known() -> None:
    book = ChoiceBook(BOT)
    first, latest = choices("$first", ANA), choices("$latest", ANA)
    book.remember(ROOM, first)
    book.remember(OTHER_ROOM, latest)
    assert await book.of_message(None, ROOM, "$first") is first
    assert await book.answered_by_number(None, ROOM, ANA, "$latest") is latest
    # Not remembered and no homeserver to read it back from: nothing to press.
    assert await book.answered_by_number(None, ROOM, ANA, "$unknown") is None


def test_one_persons_choices_are_pressed_once_and_everyones_always() -> None:
    book = ChoiceBook(BOT)
    anas, rsvp = choices("$ana", ANA), choices("$rsvp", None)
    assert book.first_press(anas)
    assert not book.first_press(anas)
    assert book.first_press(rsvp)
    assert book.first_press(rsvp)


def test_the_memory_of_presses_is_bounded_and_forgets_the_oldest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pressing, "PRESSED_KEPT", 3)
    book = ChoiceBook(BOT)
    for n in range(5):
        assert book.first_press(choices(f"${n}", ANA))
    assert book.first_press(choices("$0", ANA))  # forgotten: its settling edit decides now
    assert not book.first_press(choices("$4", ANA))
