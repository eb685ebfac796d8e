"""What the adapters read in each language: their own words (`CataloguePhrases`, the
contract's `Phrases`, from ``locales/*/adapters.ftl``) and the command catalogue with its
translations (`described`), which platforms show in the member's language where they can.

A command's and a form's summary are help's (``command-NAME``, ``form-NAME-FORM``: one text
for help and for the platform's command list); a form help has no translation for yet keeps
its spec's English summary. The prompts of commands taking one line are the adapters'.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace

from guildbot.bot.features.help.copy import summary_id
from guildbot.bot.grammar import CommandSpec, catalogue_of
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language, catalogue, language_of, translate_plain
from guildbot.bot.identity import Identities
from guildbot.contract.commands import CommandCatalogue, CommandForm, CommandInfo, LineEntry
from guildbot.contract.refs import MemberRef

log = logging.getLogger(__name__)


class CataloguePhrases:
    """The adapters' words from Guildbot's catalogues (implements `contract.phrases.Phrases`).

    `default_locale` is the language of a reader whose locale the adapter does not know
    (``GUILDBOT_DEFAULT_LOCALE``)."""

    def __init__(self, default_locale: str = DEFAULT_LANGUAGE.value) -> None:
        self.default_locale = default_locale

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language written, the default first."""
        return (
            DEFAULT_LANGUAGE.value,
            *(lang.value for lang in Language if lang is not DEFAULT_LANGUAGE),
        )

    def translate_plain(self, locale: str | None, message_id: str, /, **values: str | int) -> str:
        """The message in the language of `locale` (unknown: the default locale's)."""
        default = language_of(self.default_locale)
        return translate_plain(language_of(locale, default).value, message_id, **values)


class MemberLocales:
    """Each member's chosen language, from their record (implements
    `contract.phrases.KnownLocales`): for the adapters' own words where the platform does
    not say it. Someone Guildbot does not know yet reads the default language."""

    def __init__(self, identities: Identities) -> None:
        self.identities = identities

    async def locale_of(self, member: MemberRef) -> str | None:
        """The member's language, or None when it cannot be read now (the default then)."""
        try:
            return (await self.identities.language_of(member)).value
        except Exception:  # their words in the default language rather than no words at all
            log.warning("member language not read for %s", member.platform, exc_info=True)
            return None


def described(commands: Mapping[str, CommandSpec]) -> CommandCatalogue:
    """Every command as platforms list them, in English with its translations."""
    english = catalogue_of(commands)
    translations = tuple(
        (language.value, _translated(english, commands, language))
        for language in Language
        if language is not DEFAULT_LANGUAGE
    )
    return replace(english, translations=translations)


def _translated(
    english: CommandCatalogue, commands: Mapping[str, CommandSpec], language: Language
) -> CommandCatalogue:
    return replace(
        english,
        commands=tuple(_command(info, commands[info.name], language) for info in english.commands),
        umbrella=replace(
            english.umbrella,
            summary=translate_plain(language, "adapters-umbrella-summary"),
            line=_line(
                english.umbrella.line, translate_plain(language, "adapters-umbrella-prompt")
            ),
        ),
        translations=(),
    )


def _command(info: CommandInfo, spec: CommandSpec, language: Language) -> CommandInfo:
    # The forms are the spec's subcommands, in order (`catalogue_of`).
    forms = tuple(
        _form(form, _summary(language, summary_id(spec.name, sub.name), form.summary))
        for form, sub in zip(info.forms, spec.subcommands, strict=True)
    )
    prompt = translate_plain(language, "adapters-ask-prompt") if spec.name == "ask" else None
    return replace(
        info,
        summary=_summary(language, summary_id(spec.name), info.summary),
        forms=forms,
        line=_line(info.line, prompt) if prompt is not None else info.line,
    )


def _form(form: CommandForm, summary: str) -> CommandForm:
    return replace(form, summary=summary)


def _line(line: LineEntry | None, prompt: str) -> LineEntry | None:
    return replace(line, prompt=prompt) if line is not None else None


def _summary(language: Language, message_id: str, english: str) -> str:
    """Help's summary in `language`; the spec's English one while it has none there."""
    if catalogue().has(language, message_id):
        return translate_plain(language, message_id)
    return english
