"""What the scheduler tells a message's owner, in the owner's language."""

from datetime import UTC, datetime
from pathlib import Path

from guildbot.bot.i18n import Language
from guildbot.bot.i18n.checks import literals_in
from guildbot.bot.scheduler import notices

DUE = datetime(2026, 11, 5, 14, 30, tzinfo=UTC)


def test_english_notices_say_an_before_a_vowel() -> None:
    assert (
        notices.missed(Language.EN, "announcement", DUE)
        .plain()
        .startswith("An announcement due 2026-11-05 14:30 UTC was not posted")
    )
    assert notices.missed(Language.EN, "reminder", DUE).plain().startswith("A reminder due")
    assert notices.undeliverable(Language.EN, "intro", DUE, None).plain() == (
        "I couldn't deliver an intro due 2026-11-05 14:30 UTC (platform error). "
        "Nothing more will be tried automatically."
    )


def test_french_notices_agree_with_the_kind_of_message() -> None:
    assert (
        notices.uncertain(Language.FR, "announcement", DUE)
        .plain()
        .startswith("Je ne sais pas si j'ai publié cette annonce (échéance : 2026-11-05 14:30 UTC)")
    )
    assert (
        notices.missed(Language.FR, "reminder", DUE)
        .plain()
        .startswith("L'envoi d'un rappel (échéance : 2026-11-05 14:30 UTC) n'a pas eu lieu")
    )
    one = notices.incident(Language.FR, ["intro"], DUE).plain()
    assert one.startswith("Un message (une présentation) n'a peut-être pas été publié")
    several = notices.incident(Language.FR, ["intro", "reminder"], DUE).plain()
    assert several.startswith("2 messages (de genres divers) n'ont peut-être pas été publiés")
    assert (
        notices.incident(Language.EN, ["announcement"] * 12, DUE)
        .plain()
        .startswith("12 announcements may not have been posted")
    )


def test_an_unknown_kind_is_a_message_in_either_language() -> None:
    assert "this message (due" in notices.uncertain(Language.EN, "mystery", DUE).plain()
    assert "ce message (échéance" in notices.uncertain(Language.FR, "mystery", DUE).plain()


def test_the_listing_names_where_each_message_was_going() -> None:
    lines = [
        ("reminder", DUE, "slack", "", "Standup soon"),
        ("intro", DUE, "", "group", "Meet each other"),
        ("announcement", DUE, "slack", "C1", "Lunch!"),
    ]
    assert notices.incident_listing(Language.EN, lines).plain().splitlines() == [
        "These may not have been posted:",
        "• reminder due 2026-11-05 14:30 UTC to a direct message: Standup soon",
        "• intro due 2026-11-05 14:30 UTC to a group conversation: Meet each other",
        "• announcement due 2026-11-05 14:30 UTC to slack channel C1: Lunch!",
    ]
    assert notices.incident_listing(Language.FR, lines).plain().splitlines()[3] == (
        "• annonce (échéance : 2026-11-05 14:30 UTC) dans le canal C1 de slack : Lunch!"
    )


def test_the_notices_write_no_english_of_their_own() -> None:
    source = Path(__file__).parents[3] / "guildbot/bot/scheduler/notices.py"
    assert literals_in(source) == []
