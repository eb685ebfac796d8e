"""Expert routing writes no English of its own: its messages are the catalogue's
(`questions.ftl`), and the help of its forms is there in both languages."""

from pathlib import Path

from guildbot.bot.i18n.checks import literals_in

PACKAGE = Path(__file__).parents[4] / "guildbot" / "bot" / "features" / "questions"

# Modules whose every string is checked; the others only in the functions that speak to
# members (the rest of them: log lines, stored data, command specs whose summaries the
# catalogue translates, the routing status for operators).
WHOLE = (
    "copy.py",
    "notices.py",
    "names.py",
    "asking.py",
    "answering.py",
    "closing.py",
    "consent.py",
    "listing.py",
    "locked.py",
    "similar.py",
    "forms.py",
    "service.py",
)
FUNCTIONS = {
    "executor.py": ("_invite", "_withdraw", "_tell_connected", "_introduce"),
    "channels.py": ("set_mode", "on_message"),
}


def test_the_questions_copy_writes_no_english_of_its_own() -> None:
    found = [literal for name in WHOLE for literal in literals_in(PACKAGE / name)]
    found += [
        literal
        for name, functions in FUNCTIONS.items()
        for literal in literals_in(PACKAGE / name, functions)
    ]
    assert found == []


def test_the_check_sees_the_functions_it_is_given() -> None:
    # The stored reason is English on purpose, outside the functions above: the check finds
    # it when asked about the whole module, so the function lists do narrow it.
    assert any("community facilitator" in found for found in literals_in(PACKAGE / "executor.py"))
