"""Dates, numbers and lists as each language writes them."""

from datetime import UTC, datetime

from guildbot.bot.i18n import Language, format_instant, format_number, listed, quoted
from guildbot.contract.richtext import Bold, Text

AT = datetime(2026, 12, 3, 19, 0, tzinfo=UTC)


def test_an_instant_in_the_readers_language_and_time_zone() -> None:
    assert format_instant(Language.FR, AT, "America/Toronto") == "jeudi 3 décembre 2026, 14 h 00"
    assert format_instant(Language.EN, AT, "America/Toronto") == "Thu 3 Dec 2026, 14:00"
    assert format_instant(Language.EN, AT, "Europe/Paris") == "Thu 3 Dec 2026, 20:00"


def test_numbers_with_each_languages_separators() -> None:
    assert format_number(Language.EN, 12345.5) == "12,345.5"
    assert format_number(Language.FR, 12345.5) == "12\u202f345,5"


def test_lists_joined_as_each_language_does_items_kept_as_they_are() -> None:
    assert listed(Language.FR, ["A", "B", "C"]).plain() == "A, B et C"
    assert listed(Language.EN, ["A", "B"]).plain() == "A and B"
    assert listed(Language.FR, ["*x*", Bold("y")]).pieces == (Text("*x* et "), Bold("y"))
    assert listed(Language.EN, []).plain() == ""


def test_peoples_words_quoted_back_as_each_language_quotes() -> None:
    assert quoted(Language.EN, "  Data\nanalyst ") == "“Data analyst”"
    assert quoted(Language.FR, "Analyste de données", 10) == "«\u00a0Analyste …\u00a0»"
