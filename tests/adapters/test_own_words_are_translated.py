"""The adapters write no English sentence of their own where members read them: what they
say themselves comes from the catalogues (``adapters.ftl``) through the contract's Phrases.
(Log lines and errors for operators stay English, and are not listed here.)"""

from __future__ import annotations

from pathlib import Path

from guildbot.bot.i18n.checks import literals_in

ADAPTERS = Path(__file__).parents[2] / "guildbot" / "adapters"
# Each module, and the functions in it that make what members read.
TRANSLATED: dict[str, tuple[str, ...]] = {
    "discord/commands.py": ("build_commands", "_subcommand", "described"),
    "discord/adapter.py": ("on_press", "_plain_confirmation", "_shared_locale", "_thread_name"),
    "discord/views.py": ("confirmation_view",),
    "slack/adapter.py": ("_publish_home", "_shortened"),
    "slack/blocks.py": ("message_blocks", "home_view", "_within"),
    "teams/handlers.py": ("_on_execute",),
    "teams/cards.py": ("more_choices", "press_again", "_more_card", "action"),
    "teams/manifest.py": ("manifest", "localizations", "_words", "_commands"),
}


def test_what_members_read_from_the_adapters_comes_from_the_catalogues() -> None:
    found = [
        literal
        for path, functions in TRANSLATED.items()
        for literal in literals_in(ADAPTERS / path, functions)
    ]
    assert found == []


def test_the_check_sees_these_functions() -> None:
    # A name that no longer exists would make the check above pass without looking.
    source = {path: (ADAPTERS / path).read_text(encoding="utf-8") for path in TRANSLATED}
    for path, functions in TRANSLATED.items():
        for function in functions:
            assert f"def {function}(" in source[path], (path, function)
