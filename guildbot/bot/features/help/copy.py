"""Help, written from the command specs themselves, so it never drifts from what is parsed,
in the reader's language (messages in `bot/i18n/locales/*/help.ftl` and `router.ftl`).

A command's summary is the catalogue's ``command-NAME``, a form's ``form-NAME-FORM``
(``form-NAME`` for a command's only, unnamed form); a form not translated yet keeps its
spec's English summary. A French reader sees a command's French word where it has one
(``aide``, ``profil``), in the listing and at the head of its usage lines.
"""

from __future__ import annotations

from collections.abc import Mapping

from guildbot.bot.context import Reply
from guildbot.bot.grammar import (
    MAX_COMMAND_CHARS,
    CommandSpec,
    ParseFailure,
    Subcommand,
    command_named,
    suggested_command,
)
from guildbot.bot.grammar import FailureReason as Why
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language, catalogue, translate
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.bot.rich import joined
from guildbot.contract.richtext import Code, RichText

Commands = Mapping[str, CommandSpec]


def _more(language: Language) -> RichText:
    # The overview is also the first thing a newcomer reads (a personal install's welcome):
    # it says how to set what times are shown in, and the language.
    return translate(language, "help-more")


def summary_id(command: str, form: str | None = None) -> str:
    """The catalogue id of a command's summary, or of one of its forms'."""
    if form is None:
        return f"command-{command}"
    return f"form-{command}-{form}" if form else f"form-{command}"


def _summary(language: Language, message_id: str, english: str) -> RichText:
    """A summary from the catalogue; a spec's own (English) one while it has no message."""
    if catalogue().has(DEFAULT_LANGUAGE, message_id):
        return translate(language, message_id)
    return RichText.of(english)


def _usage(spec: CommandSpec, sub: Subcommand, language: Language) -> str:
    """A form's usage line, headed by the command's and the form's words in the reader's
    language (``événement créer TITLE WHEN …``)."""
    head, _, tail = _headed(spec, sub.usage, language).partition(" ")
    form, _, rest = tail.partition(" ")
    if form != sub.name or not sub.name:
        return f"{head} {tail}" if tail else head
    return " ".join(part for part in (head, sub.word(language), rest) if part)


def _headed(spec: CommandSpec, line: str, language: Language) -> str:
    """A command line (usage, example) headed by the command's word in `language`."""
    head, _, tail = line.partition(" ")
    if head != spec.name:
        return line
    word = spec.word(language)
    return f"{word} {tail}" if tail else word


def overview(commands: Commands, language: Language = DEFAULT_LANGUAGE) -> Reply:
    """Every command with its one-line summary."""
    lines = [translate(language, "help-intro")]
    lines += [
        translate(
            language,
            "help-command-line",
            name=spec.word(language),
            summary=_summary(language, summary_id(name), spec.summary),
        )
        for name, spec in commands.items()
    ]
    return Reply(joined("\n", lines), context=_more(language))


def command_help(spec: CommandSpec, language: Language = DEFAULT_LANGUAGE) -> Reply:
    """One command's forms and examples."""
    lines = [
        translate(
            language,
            "help-command-title",
            name=spec.word(language),
            summary=_summary(language, summary_id(spec.name), spec.summary),
        )
    ]
    lines += [
        translate(
            language,
            "help-form-line",
            usage=_usage(spec, sub, language),
            summary=_summary(language, summary_id(spec.name, sub.name), sub.summary),
        )
        for sub in spec.subcommands
    ]
    if spec.examples:
        examples = joined(", ", [_code(_headed(spec, e, language)) for e in spec.examples])
        lines.append(translate(language, "help-examples", examples=examples))
    return Reply(joined("\n", lines))


def _code(text: str) -> RichText:
    return RichText.of(Code(text))


def help_for(commands: Commands, topic: str, language: Language = DEFAULT_LANGUAGE) -> Reply:
    """`help [COMMAND]`."""
    word = topic.strip().lstrip("/").split(maxsplit=1)[0].casefold() if topic.strip() else ""
    if not word:
        return overview(commands, language)
    spec = command_named(word, commands)
    if spec is not None:
        return command_help(spec, language)
    suggestion = suggested_command(word, commands, language)
    listing = overview(commands, language)
    line = (
        translate(language, "help-no-such-command-suggest", word=quoted_in(language, word, 30),
                  suggestion=suggestion)
        if suggestion
        else translate(language, "help-no-such-command", word=quoted_in(language, word, 30))
    )  # fmt: skip
    return Reply(joined("\n", [line, listing.text]), context=listing.context)


def usage(
    commands: Commands,
    command: str,
    subcommand: str | None = None,
    problem: RichText | None = None,
    language: Language = DEFAULT_LANGUAGE,
) -> Reply:
    """The usage line(s) for a command, after what was wrong."""
    spec = commands[command]
    sub = spec.sub(subcommand) if subcommand is not None else None
    lines: list[RichText] = [problem] if problem else []
    if sub is not None and sub.name:
        lines.append(translate(language, "router-usage-one", usage=_usage(spec, sub, language)))
    else:
        forms = joined("\n", [_code(_usage(spec, s, language)) for s in spec.subcommands])
        lines.append(translate(language, "router-usage-many", forms=forms))
    return Reply(
        joined("\n", lines),
        context=translate(language, "router-more-on", command=spec.word(language)),
    )


def not_understood(
    commands: Commands, failure: ParseFailure, language: Language = DEFAULT_LANGUAGE
) -> Reply:
    """What to say to a command line the grammar could not read."""
    if failure.reason is Why.EMPTY:
        return overview(commands, language)
    if failure.reason is Why.TOO_LONG:
        return Reply(translate(language, "router-too-long-for-me", limit=MAX_COMMAND_CHARS))
    if failure.reason is Why.UNKNOWN_SUBCOMMAND and failure.command is not None:
        hint = (
            translate(
                language,
                "router-did-you-mean-form",
                command=commands[failure.command].word(language),
                form=failure.suggestion,
            )
            if failure.suggestion
            else None
        )
        return usage(commands, failure.command, None, hint, language)
    if failure.typed.strip().lstrip("#").isdigit():
        # A number alone answers a numbered choice; with none waiting, say so, not all help.
        return Reply(translate(language, "router-nothing-waiting"))
    listing = overview(commands, language)
    line = (
        translate(language, "router-unknown-command-suggest", typed=failure.typed,
                  suggestion=failure.suggestion)
        if failure.suggestion
        else translate(language, "router-unknown-command", typed=failure.typed)
    )  # fmt: skip
    return Reply(joined("\n", [line, listing.text]), context=listing.context)
