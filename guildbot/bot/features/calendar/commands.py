"""The calendar's commands: events and scheduled announcements."""

from __future__ import annotations

from guildbot.bot.grammar import Alias, CommandSpec, Subcommand
from guildbot.bot.i18n import Language
from guildbot.contract.commands import TargetKind

# French words for the command and its forms; the first of each is the one help shows, the
# others are what people type without accents.
EVENT = CommandSpec(
    name="event",
    aliases=(Alias("événement", Language.FR), Alias("evenement", Language.FR)),
    own_entry=True,
    summary="community events: create, RSVP, list, edit, cancel",
    subcommands=(
        Subcommand(
            "create",
            "event create TITLE WHEN [where: PLACE] [capacity: N] [remind: 1d, 15m] "
            "[notify: both|channel|going|none] [community: SLUG] [-- DESCRIPTION]",
            "schedule an event; I echo what I understood before saving (facilitators)",
            aliases=(
                Alias("créer", Language.FR),
                Alias("creer", Language.FR),
            ),
        ),
        Subcommand(
            "list",
            "event list [COMMUNITY]",
            "upcoming events, in your time zone",
            target=TargetKind.COMMUNITY,
            aliases=(
                Alias("liste", Language.FR),
                Alias("lister", Language.FR),
            ),
        ),
        Subcommand(
            "show",
            "event show ID",
            "one event, its next dates, and RSVP buttons",
            target=TargetKind.EVENT,
            aliases=(
                Alias("afficher", Language.FR),
                Alias("voir", Language.FR),
            ),
        ),
        Subcommand(
            "rsvp",
            "event rsvp ID going|maybe|no [DATE]",
            "answer for the next (or a) date",
            target=TargetKind.EVENT,
            aliases=(
                Alias("répondre", Language.FR),
                Alias("repondre", Language.FR),
            ),
        ),
        Subcommand(
            "attendees",
            "event attendees ID [DATE]",
            "who is going, maybe, or waitlisted",
            target=TargetKind.EVENT,
            aliases=(Alias("participants", Language.FR),),
        ),
        Subcommand(
            "edit",
            "event edit ID [WHEN] [title: …] [where: …] [capacity: …] [remind: …] "
            "[notify: …] [-- DESCRIPTION]",
            "change an event; people going are told (facilitators)",
            target=TargetKind.EVENT,
            aliases=(Alias("modifier", Language.FR),),
        ),
        Subcommand(
            "cancel",
            "event cancel ID [DATE|all]",
            "cancel one date or the whole event; people going are told (facilitators)",
            target=TargetKind.EVENT,
            aliases=(Alias("annuler", Language.FR),),
        ),
        Subcommand(
            "feed",
            "event feed [COMMUNITY] [private|public]",
            "the community's iCal link; facilitators make it private or public",
            target=TargetKind.COMMUNITY,
            aliases=(Alias("flux", Language.FR),),
        ),
    ),
    default="list",
    examples=(
        "event create Accessibility CoP monthly, first Thursday of each month 14:00 for 1h",
        "event create Show and tell next Tuesday 3pm where: Room 201 capacity: 20",
        "event cancel 3 Dec 3",
    ),
)

ANNOUNCE = CommandSpec(
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
)

SPECS = (EVENT, ANNOUNCE)
