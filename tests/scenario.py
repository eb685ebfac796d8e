"""One script of commands that every adapter must answer the same way (rendering aside).

A platform's scenario test plays `SCRIPT` through its adapter and compares the `Answer`s with
those of the console adapter (`console_answers`). Answers are compared as a member reads them:
the text, the small print and the button labels, with the platform's markup undone.
"""

from __future__ import annotations

import io
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import text

from guildbot.adapters.console import ConsoleAdapter
from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.contract.adapter import PlatformProfile
from guildbot.storage.engine import is_sqlite
from guildbot.storage.models import Base


@dataclass(frozen=True, slots=True)
class Say:
    """The member types a command line (on Slack: a slash command)."""

    text: str


@dataclass(frozen=True, slots=True)
class Press:
    """The member presses the n-th button (from 1) of the latest answer that had buttons."""

    choice: int


Step = Say | Press


@dataclass(frozen=True, slots=True)
class Answer:
    """What the member sees of one message."""

    text: str
    context: str | None = None
    buttons: tuple[str, ...] = ()


# Who plays the script: the same person on every platform, in the same time zone.
MEMBER_NAME = "Ana Lima"
MEMBER_TIMEZONE = "UTC"

SCRIPT: tuple[Step, ...] = (
    Say("help"),
    Say("help expertise"),
    Say("profile"),
    Say("expertise add kubernets"),
    Press(1),
    Say("expertise add plain language, a11y"),
    Say("expertise list"),
    Say("expertise remove plain language"),
    Say("profile set title Data analyst"),
    Say("profile set timezone Toronto"),
    Say("profile"),
    Say("community create Accessibility"),
    Say("community list"),
    Say("community info accessibility"),
    Say("coffee status"),
    Say("coffee frobnicate"),
    Say("event list"),
    Say("event frobnicate"),
    Say("announce list"),
    Say("ask"),
    Say("privacy"),
    Say("privacy erase"),
    Press(2),
    Say("frobnicate"),
)

# The same member in French: they choose the language first, then walk the same tour in
# French command words (`aide`, `communauté`, `café`, `événement`, `demander`,
# `confidentialité`), with French bad input on the way.
FRENCH_SCRIPT: tuple[Step, ...] = (
    Say("profil set langue français"),
    Say("aide"),
    Say("aide expertise"),
    Say("aide profil"),
    Say("aidr"),
    Say("profil"),
    Say("profil frobnicate"),
    Say("profil set language klingon"),
    Say("profil set department Finance"),
    Say("profil set department Finanse"),
    Press(3),
    Say("expertise add kubernets"),
    Press(1),
    Say("expertise add langage clair, a11y"),
    Say("expertise list"),
    Say("expertise remove langage clair"),
    Say("profil set title Analyste de données"),
    Say("profil set timezone Toronto"),
    Say("communauté create Accessibilité"),
    Say("communauté list"),
    Say("communauté info accessibilite"),
    Say("communauté language accessibilite both fr"),
    Say("communauté language accessibilite klingon"),
    Say("café status"),
    Say("café frobnicate"),
    Say("événement list"),
    Say("événement frobnicate"),
    Say("événement créer Atelier le 31 février à 14 h"),
    Say("announce list"),
    Say("demander"),
    Say("confidentialité"),
    Say("confidentialité erase"),
    Press(2),
    Say("frobnicate"),
    Say("3"),
    Say("profil set language en"),
    Say("help"),
)
SCRIPTS = {"en": SCRIPT, "fr": FRENCH_SCRIPT}

PlayStep = Callable[[Step], Awaitable[list[Answer]]]
Message = TypeVar("Message")
Pressable = TypeVar("Pressable")


def read(
    messages: Iterable[Message],
    answer_of: Callable[[Message], tuple[Answer, list[Pressable]]],
    pressable: list[Pressable],
) -> list[Answer]:
    """What the member sees of each message; `pressable` becomes the latest buttons shown
    (what a `Press` step presses)."""
    answers = []
    for message in messages:
        answer, buttons = answer_of(message)
        answers.append(answer)
        if buttons:
            pressable[:] = buttons
    return answers


async def play(step_through: PlayStep, script: Sequence[Step] = SCRIPT) -> list[list[Answer]]:
    """The answers to each step of the script, in order."""
    return [await step_through(step) for step in script]


def normalised(answers: list[list[Answer]], platform: str) -> list[list[Answer]]:
    """Answers without what may rightly differ: line wrapping, and the platform's own name
    (``privacy`` lists the accounts a member has, e.g. "Accounts: slack")."""
    name = re.compile(rf"\b{re.escape(platform)}\b")

    def clean(text: str) -> str:
        return name.sub("PLATFORM", " ".join(text.split()))

    return [
        [Answer(clean(a.text), clean(a.context) if a.context else None, a.buttons) for a in step]
        for step in answers
    ]


async def reference_answers(
    settings: Settings, start: datetime, script: Sequence[Step] = SCRIPT
) -> list[list[Answer]]:
    """The console's answers on a fresh app over `settings`' database, which is emptied
    again afterwards so the platform under test starts from the same state."""
    app = await build(settings, clock=ManualClock(start))
    try:
        answers = await console_answers(app, script)
        await empty(app)
    finally:
        await app.close()
    return answers


def assert_same_answers(
    expected: list[list[Answer]],
    actual: list[list[Answer]],
    platform: str,
    script: Sequence[Step] = SCRIPT,
) -> None:
    """Every step answered through the console was answered the same through `platform`."""
    assert len(expected) == len(script)
    assert all(expected), expected  # every step was answered
    for step, want, got in zip(
        script, normalised(expected, "console"), normalised(actual, platform), strict=True
    ):
        assert got == want, (step, got, want)


async def empty(app: Guildbot) -> None:
    """Forget everything stored, keeping the schema."""
    async with app.database.transaction() as session:
        tables = list(reversed(Base.metadata.sorted_tables))
        if is_sqlite(app.database.engine):
            for table in tables:
                await session.execute(table.delete())
        else:
            names = ", ".join(f'"{t.name}"' for t in tables)
            await session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


# -- the console: the reference answers --------------------------------------------------

_PROMPT = re.compile(r"^\[[^\]]*\] > ?(?P<typed>.*)$")
_BUTTONS = re.compile(r"\[(\d+)\] (.*?)(?=\s{3}\[\d+\] |$)")


async def console_answers(app: Guildbot, script: Sequence[Step] = SCRIPT) -> list[list[Answer]]:
    """Play the script through the console adapter (as `guildbot run` would) and read back
    what it printed, step by step."""
    lines = [step.text if isinstance(step, Say) else str(step.choice) for step in script]
    stdin = io.StringIO("".join(f"{line}\n" for line in lines))
    stdout = io.StringIO()
    user_id = MEMBER_NAME.lower().replace(" ", ".")

    async def profile(_user_id: str) -> PlatformProfile | None:
        return PlatformProfile(display_name=MEMBER_NAME, timezone=MEMBER_TIMEZONE)

    async def no_switching(_name: str) -> str:
        return "Not in this scenario."

    adapter = ConsoleAdapter(user_id, MEMBER_NAME, no_switching, profile, stdin, stdout)
    await adapter.start(app.dispatcher(adapter))
    return _parse_console(stdout.getvalue())[: len(script)]


def _parse_console(output: str) -> list[list[Answer]]:
    steps: list[list[Answer]] = []
    current: list[Answer] | None = None
    text: list[str] = []
    context: str | None = None
    buttons: tuple[str, ...] = ()

    def flush() -> None:
        nonlocal text, context, buttons
        if current is not None and text:
            current.append(Answer("\n".join(text), context, buttons))
        text, context, buttons = [], None, ()

    for line in output.split("\n"):
        if _PROMPT.match(line):
            flush()
            current = []
            steps.append(current)
        elif line.startswith("guildbot: "):
            flush()
            text = [line.removeprefix("guildbot: ")]
        elif line.startswith("  [1] "):
            buttons = tuple(label.strip() for _n, label in _BUTTONS.findall(line.strip()))
        elif line.startswith("  (") and line.endswith(")") and text:
            context = line[3:-1]
        elif text:
            text.append(line)
    flush()
    return steps  # a trailing prompt (end of input) is cut off by the caller
