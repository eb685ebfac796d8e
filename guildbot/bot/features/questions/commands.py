"""Expert routing's commands: `ask`, and the `expertise` forms that route questions."""

from __future__ import annotations

from guildbot.bot.grammar import Alias, CommandSpec, Subcommand
from guildbot.bot.i18n import Language
from guildbot.bot.registry import Forms
from guildbot.contract.commands import LineEntry, TargetKind

ASK = CommandSpec(
    name="ask",
    summary="ask a question; I find colleagues who know and connect you",
    subcommands=(
        Subcommand("question", "ask QUESTION", "ask colleagues who know (privately)"),
        Subcommand("mine", "ask mine", "your open questions, and those you were asked"),
        Subcommand("close", "ask close ID [@member]", "close a question (resolved by…)"),
        Subcommand("suggest", "ask suggest ID @member", "suggest someone who knows"),
        Subcommand(
            "mode",
            "ask mode off|suggest|auto",
            "how I treat questions in this channel (facilitators)",
        ),
    ),
    default="mine",
    fallback="question",
    own_entry=True,
    line=LineEntry(
        "question",
        "Your question — or: mine · close ID · suggest ID @member · mode off|suggest|auto",
    ),
    examples=("ask How do I make a scanned PDF accessible?", "ask close 12 @lea.schmidt"),
    aliases=(Alias("demander", Language.FR),),
)

# Expert routing's forms of the directory's `expertise` command.
EXPERTISE_FORMS = Forms(
    "expertise",
    (
        Subcommand(
            "who",
            "expertise who TOPIC",
            "who can help with a topic, and why",
            target=TargetKind.SKILL,
        ),
        Subcommand("optin", "expertise optin", "let colleagues' questions come to you"),
        Subcommand("optout", "expertise optout", "stop all expert suggestions at once"),
        Subcommand(
            "default",
            "expertise default in|out",
            "organisation default for suggesting members (admins)",
        ),
    ),
)

SPECS = (ASK, EXPERTISE_FORMS)
