"""Finding the member, community, department or time zone a person meant.

Every lookup that fails says "not found" and offers the closest match, so a typo costs one
more message, never a wrong change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process, utils
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, UserError
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language, listed, translate
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.bot.mentions import mentioned
from guildbot.contract.refs import MemberRef
from guildbot.storage.models import Community, Member
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import MemberRepository

NAME_MATCH_CUTOFF = 60.0
MAX_SLUG = 60


def slugify(name: str) -> str:
    """A short name for commands and addresses: "Data Science & AI" -> "data-science-ai",
    "Réseau d'accessibilité" -> "reseau-d-accessibilite", "Доступность" -> "доступность",
    "مجتمع الوصول" -> "مجتمع-الوصول". Letters, digits and marks of every script are kept
    (lower case); accents on Latin letters are dropped, so a slug is typed on any keyboard;
    everything else separates words."""
    words = "".join(_plain(ch) for ch in unicodedata.normalize("NFC", name).casefold())
    return _SLUG_SEPARATORS.sub("-", words).strip("-")[:MAX_SLUG].strip("-")


def name_key(name: str) -> str:
    """What makes two community names the same: case, accents and punctuation aside
    ("Accessibility CoP" = "accessibility-cop" = "Accessibilité CoP")."""
    return slugify(name).replace("-", " ")


_SLUG_SEPARATORS = re.compile(r"-+")


def _plain(ch: str) -> str:
    """`ch` as a slug has it: a Latin letter without its accents; a letter, digit or mark of
    any other script as it is; anything else a separator."""
    if unicodedata.category(ch)[0] not in "LNM":
        return "-"
    base = unicodedata.normalize("NFKD", ch)
    if (
        base[:1].isascii()
        and base[:1].isalpha()
        and all(unicodedata.combining(c) for c in base[1:])
    ):
        return base[0]
    return ch


def best_match(typed: str, choices: list[str], cutoff: float = NAME_MATCH_CUTOFF) -> str | None:
    """The closest of `choices` to `typed`, ignoring case and punctuation; None if none is close."""
    if not typed.strip() or not choices:
        return None
    found = process.extractOne(
        typed, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=cutoff
    )
    return None if found is None else str(found[0])


async def member_named(ctx: Context, session: AsyncSession, typed: str) -> Member:
    """The member the acting person referred to in `typed` (see `find_member`): looked up
    on their platform and workspace, among their command's mentions, and "not found" in
    their language."""
    return await find_member(
        session,
        typed,
        ctx.actor.ref.platform,
        ctx.actor.ref.workspace_id,
        ctx.mentions,
        ctx.language,
    )


async def find_member(
    session: AsyncSession,
    typed: str,
    platform: str,
    workspace_id: str,
    mentions: Sequence[MemberRef] = (),
    language: Language = DEFAULT_LANGUAGE,
) -> Member:
    """The member a person referred to: a mention (of `mentions`), @handle, or name; "not
    found" in `language` (the directory's messages, `directory.ftl`)."""
    token = typed.strip()
    members = MemberRepository(session)
    mention = mentioned(token, mentions)
    if mention is not None:
        member = await members.by_identity(mention.platform, mention.workspace_id, mention.user_id)
        if member is None:
            raise UserError(translate(language, "directory-member-unknown-mention"))
        return member
    handle = token.removeprefix("@").strip()
    if not handle:
        raise UserError(translate(language, "directory-member-missing"))
    by_handle = await members.by_identity(platform, workspace_id, handle)
    if by_handle is not None:
        return by_handle
    names = await members.all_names()
    wanted = " ".join(re.split(r"[._\s]+", handle)).casefold()
    exact = [mid for mid, name in names if name.casefold() in (wanted, handle.casefold())]
    if len(exact) == 1:
        found = await members.get(exact[0])
        assert found is not None
        return found
    if len(exact) > 1:
        raise UserError(
            translate(language, "directory-member-several", name=quoted_in(language, handle))
        )
    # A first name alone is enough when only one member has it ("Priya" for Priya Raman).
    by_first_name = [mid for mid, name in names if name.casefold().startswith(wanted + " ")]
    if len(by_first_name) == 1:
        found = await members.get(by_first_name[0])
        assert found is not None
        return found
    suggestion = best_match(wanted, [name for _mid, name in names])
    shown = quoted_in(language, handle)
    if suggestion is None:
        raise UserError(translate(language, "directory-member-unknown", name=shown))
    raise UserError(
        translate(language, "directory-member-unknown-suggest", name=shown, suggestion=suggestion)
    )


async def find_community(
    session: AsyncSession, typed: str, language: Language = DEFAULT_LANGUAGE
) -> Community:
    """A community by slug or name; "not found" with the closest one otherwise, in
    `language` (the communities' messages, `communities.ftl`)."""
    token = typed.strip().lstrip("#")
    if not token:
        raise UserError(translate(language, "communities-no-community-named"))
    repository = CommunityRepository(session)
    community = await repository.by_slug(token) or await repository.by_slug(slugify(token))
    if community is not None:
        return community
    everything = await repository.all()
    for candidate in everything:
        if candidate.name.casefold() == token.casefold():
            return candidate
    labels = {c.slug: c for c in everything} | {c.name: c for c in everything}
    suggestion = best_match(token, list(labels))
    name = quoted_in(language, token)
    if suggestion is None:
        raise UserError(translate(language, "communities-unknown", name=name))
    raise UserError(
        translate(
            language,
            "communities-unknown-suggest",
            name=name,
            suggestion=labels[suggestion].name,
            slug=labels[suggestion].slug,
        )
    )


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


@lru_cache(maxsize=1)
def _zones_by_city() -> dict[str, str]:
    """ "toronto" -> "America/Toronto", so people can type their city."""
    cities: dict[str, str] = {}
    for zone in _zone_names():
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
            cities.setdefault(zone.rsplit("/", 1)[1].replace("_", " ").casefold(), zone)
    return cities


# Abbreviations and fixed-offset zones people type, and the city zones they most likely mean.
_CITY_ZONES_FOR = {
    "EST": ("America/Toronto", "America/New_York"),
    "EDT": ("America/Toronto", "America/New_York"),
    "EST5EDT": ("America/Toronto", "America/New_York"),
    "CST": ("America/Winnipeg", "America/Chicago"),
    "CDT": ("America/Winnipeg", "America/Chicago"),
    "CST6CDT": ("America/Winnipeg", "America/Chicago"),
    "MST": ("America/Edmonton", "America/Denver"),
    "MDT": ("America/Edmonton", "America/Denver"),
    "MST7MDT": ("America/Edmonton", "America/Denver"),
    "PST": ("America/Vancouver", "America/Los_Angeles"),
    "PDT": ("America/Vancouver", "America/Los_Angeles"),
    "PST8PDT": ("America/Vancouver", "America/Los_Angeles"),
    "AST": ("America/Halifax",),
    "NST": ("America/St_Johns",),
    "HST": ("Pacific/Honolulu",),
    "CET": ("Europe/Paris", "Europe/Berlin"),
    "CEST": ("Europe/Paris", "Europe/Berlin"),
    "MET": ("Europe/Paris", "Europe/Berlin"),
    "EET": ("Europe/Athens", "Europe/Helsinki"),
    "WET": ("Europe/Lisbon",),
    "BST": ("Europe/London",),
}


def _fixed_offset(zone: str) -> bool:
    """A zone named by an abbreviation or an offset, not a place ("EST", "CET", "Etc/GMT+5"),
    whose daylight saving people mistake for their city's; UTC (and GMT, which is UTC) are
    meant as such and are fine."""
    if zone.casefold() in ("utc", "etc/utc", "gmt", "etc/gmt", "zulu", "etc/zulu", "uct"):
        return False
    return "/" not in zone or zone.startswith("Etc/")


def find_timezone(typed: str, language: Language = DEFAULT_LANGUAGE) -> str:
    """An IANA zone from what was typed: exact (any case), a city name, or a suggestion;
    refused in the reader's `language` (messages in the catalogues' lookup.ftl)."""
    token = typed.strip()
    if not token or len(token) > 64:
        raise UserError(translate(language, "timezone-missing"))
    zones = _zone_names()
    by_lower = {zone.casefold(): zone for zone in zones}
    if token.casefold() in by_lower and not _fixed_offset(by_lower[token.casefold()]):
        return by_lower[token.casefold()]
    if token.casefold() in by_lower or token.upper() in _CITY_ZONES_FOR:
        cities = _CITY_ZONES_FOR.get(
            token.upper().split("/")[-1], ("America/Toronto", "Europe/Paris")
        )
        raise UserError(
            translate(
                language,
                "timezone-not-a-place",
                typed=quoted_in(language, token),
                zones=listed(language, list(cities), "or"),
            )
        )
    city = _zones_by_city().get(token.replace("_", " ").casefold())
    if city is not None:
        return city
    suggestion = best_match(token, list(zones), cutoff=80.0)
    if suggestion:
        raise UserError(
            translate(
                language,
                "timezone-unknown-suggest",
                typed=quoted_in(language, token),
                suggestion=suggestion,
            )
        )
    raise UserError(translate(language, "timezone-unknown", typed=quoted_in(language, token)))
