"""The one command grammar, shared by every platform.

`parse` turns what a member typed — ``/guild expertise add k8s``, ``expertise add k8s``,
``@Guildbot help`` after the adapter removed the mention — into an `Invocation`, or a
`ParseFailure` that says what was wrong. It never raises: every input gets an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from guildbot.contract.commands import (
    CommandCatalogue,
    CommandForm,
    CommandInfo,
    LineEntry,
    TargetKind,
)

MAX_COMMAND_CHARS = 4_000
# Slash commands that stand for the whole grammar rather than one command.
UMBRELLA_PREFIXES = ("guild", "guildbot")
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’"}


@dataclass(frozen=True, slots=True)
class Subcommand:
    """One form of a command, with its usage line; `target` is what its first argument names
    (platforms offer completions for it)."""

    name: str
    usage: str
    summary: str
    target: TargetKind | None = None

    def details(self, command: str) -> str:
        """What may follow the form's name (and its target), for platforms that ask for it
        in a field of its own: ``coffee join [COMMUNITY]`` -> ``""``."""
        words = self.usage.split()
        skip = 2 if len(words) > 1 and words[0] == command and words[1] == self.name else 1
        tail = words[skip:]
        if self.target is not None and tail:
            tail = tail[1:]
        return " ".join(tail)


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command: its summary, its forms, and an example or two for help."""

    name: str
    summary: str
    subcommands: tuple[Subcommand, ...]
    # The form used when no subcommand is typed (``profile`` shows the profile).
    default: str | None = None
    examples: tuple[str, ...] = ()
    # The form used when the first word is not a form's name (``announce #general …``).
    fallback: str | None = None
    # Platforms give the command an entry of its own (``/coffee``); the others are reached
    # through the umbrella command (``/guild profile``).
    own_entry: bool = False
    # A command that is mostly free text: one entry, one line (``/ask How do I…?``).
    line: LineEntry | None = None

    def sub(self, name: str | None) -> Subcommand | None:
        """The form called `name`, if any."""
        return next((s for s in self.subcommands if s.name == name), None)

    @property
    def usage(self) -> str:
        """Every form's usage line, one per line."""
        return "\n".join(s.usage for s in self.subcommands)


COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        CommandSpec(
            name="help",
            summary="what I can do, or how to use one command",
            subcommands=(Subcommand("", "help [COMMAND]", "list commands, or explain one"),),
            default="",
            examples=("help", "help expertise"),
        ),
        CommandSpec(
            name="profile",
            summary="see or update your profile",
            subcommands=(
                Subcommand("show", "profile", "show your profile"),
                Subcommand(
                    "set",
                    "profile set department|title|timezone VALUE",
                    "change one field of your profile",
                ),
            ),
            default="show",
            examples=("profile set timezone America/Toronto", "profile set title Data analyst"),
        ),
        CommandSpec(
            name="expertise",
            summary="the skills you can help others with",
            subcommands=(
                Subcommand(
                    "add",
                    "expertise add SKILL[, SKILL…]",
                    "declare skills you have",
                    target=TargetKind.SKILL,
                ),
                Subcommand(
                    "remove",
                    "expertise remove SKILL[, SKILL…]",
                    "remove skills",
                    target=TargetKind.SKILL,
                ),
                Subcommand("list", "expertise list [@member]", "your skills, or another member's"),
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
            default="list",
            examples=(
                "expertise add k8s, plain language",
                "expertise list @amara.okafor",
                "expertise who pdf accessibility",
            ),
        ),
        CommandSpec(
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
        ),
        CommandSpec(
            name="community",
            summary="communities of practice: create, join, leave, browse",
            subcommands=(
                Subcommand(
                    "create",
                    "community create NAME [-- DESCRIPTION]",
                    "start a community (you become its admin)",
                ),
                Subcommand(
                    "join",
                    "community join COMMUNITY",
                    "join a community",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "leave",
                    "community leave COMMUNITY",
                    "leave a community",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand("list", "community list", "every community, with its size"),
                Subcommand(
                    "info",
                    "community info COMMUNITY",
                    "about one community",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "link",
                    "community link COMMUNITY",
                    "make this channel the community's channel (facilitators)",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "welcome",
                    "community welcome COMMUNITY on|off|-- TEXT",
                    "greet people who join its channel (facilitators; off by default)",
                    target=TargetKind.COMMUNITY,
                ),
            ),
            default="list",
            examples=("community create Plain Language -- Writing people understand",),
        ),
        CommandSpec(
            name="role",
            summary="give or take a community role (facilitators and admins)",
            subcommands=(
                Subcommand(
                    "grant",
                    "role grant @member member|facilitator|admin [COMMUNITY]",
                    "give a member a role",
                ),
                Subcommand(
                    "revoke",
                    "role revoke @member facilitator|admin [COMMUNITY]",
                    "take a role back (they stay a member)",
                ),
            ),
            examples=("role grant @li.wei facilitator data-science",),
        ),
        CommandSpec(
            name="event",
            own_entry=True,
            summary="community events: create, RSVP, list, edit, cancel",
            subcommands=(
                Subcommand(
                    "create",
                    "event create TITLE WHEN [where: PLACE] [capacity: N] [remind: 1d, 15m] "
                    "[notify: both|channel|going|none] [community: SLUG] [-- DESCRIPTION]",
                    "schedule an event; I echo what I understood before saving (facilitators)",
                ),
                Subcommand(
                    "list",
                    "event list [COMMUNITY]",
                    "upcoming events, in your time zone",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "show",
                    "event show ID",
                    "one event, its next dates, and RSVP buttons",
                    target=TargetKind.EVENT,
                ),
                Subcommand(
                    "rsvp",
                    "event rsvp ID going|maybe|no [DATE]",
                    "answer for the next (or a) date",
                    target=TargetKind.EVENT,
                ),
                Subcommand(
                    "attendees",
                    "event attendees ID [DATE]",
                    "who is going, maybe, or waitlisted",
                    target=TargetKind.EVENT,
                ),
                Subcommand(
                    "edit",
                    "event edit ID [WHEN] [title: …] [where: …] [capacity: …] [remind: …] "
                    "[notify: …] [-- DESCRIPTION]",
                    "change an event; people going are told (facilitators)",
                    target=TargetKind.EVENT,
                ),
                Subcommand(
                    "cancel",
                    "event cancel ID [DATE|all]",
                    "cancel one date or the whole event; people going are told (facilitators)",
                    target=TargetKind.EVENT,
                ),
                Subcommand(
                    "feed",
                    "event feed [COMMUNITY] [private|public]",
                    "the community's iCal link; facilitators make it private or public",
                    target=TargetKind.COMMUNITY,
                ),
            ),
            default="list",
            examples=(
                "event create Accessibility CoP monthly, first Thursday of each month 14:00 for 1h",
                "event create Show and tell next Tuesday 3pm where: Room 201 capacity: 20",
                "event cancel 3 Dec 3",
            ),
        ),
        CommandSpec(
            name="announce",
            own_entry=True,
            summary="scheduled posts in a community channel, once or recurring (facilitators)",
            subcommands=(
                Subcommand(
                    "create",
                    "announce #channel TEXT at TIME [every …]",
                    "post TEXT in the channel at TIME, once or on a repeat",
                ),
                Subcommand("list", "announce list", "what is scheduled, next post first"),
                Subcommand(
                    "edit",
                    "announce edit ID [TEXT] [at TIME [every …]]",
                    "change the text, the time, or both",
                ),
                Subcommand("cancel", "announce cancel ID", "stop it; nothing more is posted"),
            ),
            default="list",
            fallback="create",
            examples=(
                "announce #accessibility Show and tell today! at 9:00 every first Thursday",
                "announce #data-science Survey closes Friday at 2026-12-04 16:00",
            ),
        ),
        CommandSpec(
            name="coffee",
            own_entry=True,
            summary="coffee intros across departments: join, snooze, and (facilitators) run them",
            subcommands=(
                Subcommand("status", "coffee status", "where you stand, and the next round"),
                Subcommand(
                    "join",
                    "coffee join [COMMUNITY]",
                    "take part in a community's intros",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "leave",
                    "coffee leave [COMMUNITY]",
                    "stop taking part",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "snooze",
                    "coffee snooze 3w|until YYYY-MM-DD [COMMUNITY]",
                    "no intros for a while (back automatically)",
                ),
                Subcommand(
                    "never", "coffee never @member", "never be grouped with someone (private)"
                ),
                Subcommand("history", "coffee history", "your latest groups and how they went"),
                Subcommand(
                    "setup",
                    "coffee setup COMMUNITY [weekly|every N weeks|monthly] [on DAY] [at HH:MM] "
                    "[in ZONE] [groups of N] [standing|per-round]",
                    "start a community's intros (facilitators)",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "settings",
                    "coffee settings [COMMUNITY] [same options as setup] "
                    "[department=W timezone=W new=W skills=W]",
                    "see or change them (facilitators)",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "pause",
                    "coffee pause [COMMUNITY]",
                    "no rounds until resumed",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "resume",
                    "coffee resume [COMMUNITY]",
                    "rounds again",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "preview",
                    "coffee preview [COMMUNITY]",
                    "the next round's groups, privately, with re-roll (facilitators)",
                    target=TargetKind.COMMUNITY,
                ),
                Subcommand(
                    "stats",
                    "coffee stats [COMMUNITY]",
                    "participation, meeting and repeat rates, new connections (facilitators)",
                    target=TargetKind.COMMUNITY,
                ),
            ),
            default="status",
            examples=(
                "coffee join data-science",
                "coffee snooze 3w",
                "coffee setup data-science every 2 weeks on tuesday at 10:00 in America/Toronto",
            ),
        ),
        CommandSpec(
            name="privacy",
            summary="see, export or erase what Guildbot holds about you",
            subcommands=(
                Subcommand("show", "privacy", "a summary of what is stored about you"),
                Subcommand("export", "privacy export", "all of it, as JSON"),
                Subcommand("erase", "privacy erase", "delete it (asks first)"),
            ),
            default="show",
        ),
    )
}


class FailureReason(StrEnum):
    """Why a command line could not be understood."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    UNKNOWN_COMMAND = "unknown_command"
    UNKNOWN_SUBCOMMAND = "unknown_subcommand"


@dataclass(frozen=True, slots=True)
class Invocation:
    """A command line that names a known command and form.

    `args` are the words after the form (quotes group words); `rest` is the same text
    verbatim, for commands whose argument is free text such as a skill list or a title.
    """

    command: str
    subcommand: str
    args: tuple[str, ...]
    rest: str


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """A command line that could not be understood, with what is needed to help."""

    reason: FailureReason
    typed: str
    command: str | None = None
    suggestion: str | None = None


def tokenize(text: str) -> list[str]:
    """Split on whitespace; quotes group words when they close, and are kept when they don't."""
    tokens: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            if current:
                tokens.append("".join(current))
                current = []
            index += 1
            continue
        closing = _QUOTES.get(char)
        if closing is not None and not current:
            end = text.find(closing, index + 1)
            if end != -1:
                tokens.append(text[index + 1 : end])
                index = end + 1
                continue
        current.append(char)
        index += 1
    if current:
        tokens.append("".join(current))
    return tokens


def _split_first_word(text: str) -> tuple[str, str]:
    parts = text.split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""


def strip_prefixes(text: str) -> str:
    """Remove a leading slash and the umbrella command: ``/guild help`` -> ``help``."""
    stripped = text.strip()
    first, remainder = _split_first_word(stripped)
    if first.lstrip("/").casefold() in UMBRELLA_PREFIXES:
        return remainder.strip()
    if stripped.startswith("/"):
        return stripped[1:].strip()
    return stripped


def closest(word: str, choices: list[str], cutoff: float = 60.0) -> str | None:
    """The most similar choice to `word`, or None when nothing is close."""
    if not word or not choices:
        return None
    found = process.extractOne(word.casefold(), choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if found is None else str(found[0])


def parse(text: str) -> Invocation | ParseFailure:
    """Understand a command line. Total: returns a value for every string."""
    if len(text) > MAX_COMMAND_CHARS:
        return ParseFailure(FailureReason.TOO_LONG, typed=text[:40])
    line = strip_prefixes(text)
    if not line:
        return ParseFailure(FailureReason.EMPTY, typed="")
    word, remainder = _split_first_word(line)
    name = word.casefold()
    spec = COMMANDS.get(name)
    if spec is None:
        return ParseFailure(
            FailureReason.UNKNOWN_COMMAND,
            typed=word[:40],
            suggestion=closest(name, list(COMMANDS)),
        )
    if spec.name == "help":
        return Invocation("help", "", tuple(tokenize(remainder)), remainder.strip())
    sub_word, sub_remainder = _split_first_word(remainder)
    if not sub_word:
        if spec.default is None:
            return ParseFailure(FailureReason.UNKNOWN_SUBCOMMAND, typed="", command=spec.name)
        return Invocation(spec.name, spec.default, (), "")
    sub = spec.sub(sub_word.casefold())
    if sub is None and spec.fallback is not None:
        return Invocation(spec.name, spec.fallback, tuple(tokenize(remainder)), remainder.strip())
    if sub is None:
        return ParseFailure(
            FailureReason.UNKNOWN_SUBCOMMAND,
            typed=sub_word[:40],
            command=spec.name,
            suggestion=closest(sub_word, [s.name for s in spec.subcommands if s.name]),
        )
    return Invocation(spec.name, sub.name, tuple(tokenize(sub_remainder)), sub_remainder.strip())


UMBRELLA = CommandInfo(
    name="guild",
    summary="Any Guildbot command (try: help)",
    forms=(),
    own_entry=True,
    line=LineEntry("command", "A command line, e.g. help · profile · expertise add k8s"),
)


def catalogue() -> CommandCatalogue:
    """Every command as platforms list them natively, derived from `COMMANDS`."""
    return CommandCatalogue(
        commands=tuple(
            CommandInfo(
                name=spec.name,
                summary=spec.summary,
                forms=tuple(
                    CommandForm(
                        name=sub.name or spec.default or "show",
                        usage=sub.usage,
                        summary=sub.summary,
                        target=sub.target,
                        details=sub.details(spec.name),
                    )
                    for sub in spec.subcommands
                ),
                own_entry=spec.own_entry,
                default=spec.default,
                line=spec.line,
            )
            for spec in COMMANDS.values()
        ),
        umbrella=UMBRELLA,
    )
