"""A French facilitator and a French member through the calendar, end to end: the echo of a
French event line, its confirmation, a repeat described in French, an impossible date refused
in French with nothing created, and an answer (RSVP) in French — the same instants as the
English twins."""

from sqlalchemy import select, update

from guildbot.bot.clock import ManualClock
from guildbot.storage.models import CalendarEvent, Member
from tests.bot.features.calendar.helpers import event_row, setup_community
from tests.fakes import Harness

NBSP, NNBSP = "\u00a0", "\u202f"
LINE = "Atelier jeudi prochain 14 h pendant 1 h capacité : 20"
TWIN = "Atelier next Thursday 14:00 for 1h capacity: 20"


async def speaks_french(harness: Harness, name: str) -> None:
    async with harness.app.database.transaction() as session:
        await session.execute(
            update(Member).where(Member.display_name == name).values(locale="fr-CA")
        )


async def member_names(harness: Harness) -> list[str]:
    async with harness.app.database.transaction() as session:
        return list((await session.scalars(select(Member.display_name))).all())


async def french_facilitator(harness: Harness, *members: str) -> str:
    """Ana founds the community, then reads French; her display name."""
    await setup_community(harness, *members)
    [name] = [n for n in await member_names(harness) if n.casefold().startswith("ana")]
    await speaks_french(harness, name)
    return name


async def test_a_french_line_is_echoed_and_confirmed_in_french_at_its_twin_s_instants(
    harness: Harness, clock: ManualClock
) -> None:
    await french_facilitator(harness)
    [echo] = await harness.say("ana", f"événement créer {LINE}")
    assert echo.text == (
        f"Voici ce que j'ai compris{NBSP}:\n"
        "*Atelier* — jeudi 5 novembre 2026, 14 h 00 – 15 h 00 America/Toronto\n"
        f"• Capacité{NBSP}: 20\n"
        f"• Rappels{NBSP}: 1 jour et 15 minutes avant, dans le canal et aux participants\n"
        "• Publié dans le canal de la communauté Accessibility, avec [J'y serai] [Peut-être] "
        "[Je n'y serai pas]"
    )
    assert echo.context == "Rien n'est enregistré tant que vous n'appuyez pas sur Créer."
    assert [b.label for b in echo.buttons] == ["Créer", "Annuler"]
    assert await harness.count(CalendarEvent) == 0

    [done] = await harness.press("ana", echo.buttons[0])
    assert done.text == (
        f"Événement 1 créé{NBSP}: *Atelier*, jeudi 5 novembre 2026, 14 h 00 – 15 h 00 "
        "America/Toronto. Je le publie maintenant dans le canal de la communauté Accessibility."
    )
    assert done.context == (
        "`événement afficher 1` · `événement modifier 1 …` · `événement annuler 1`"
    )

    # The English twin, typed by an English facilitator, is the same event at the same time.
    async with harness.app.database.transaction() as session:
        await session.execute(update(Member).values(locale="en-CA"))
    [twin_echo] = await harness.say("ana", f"event create {TWIN}")
    assert twin_echo.text.startswith("Here's what I understood:\n*Atelier* — Thu 5 Nov 2026")
    [twin_done] = await harness.press("ana", twin_echo.buttons[0])
    assert twin_done.text.startswith("Created event 2: *Atelier*, Thu 5 Nov 2026, 14:00-15:00")
    french, english = await event_row(harness, 1), await event_row(harness, 2)
    assert (french.local_start, french.timezone, french.duration_minutes, french.capacity) == (
        english.local_start,
        english.timezone,
        english.duration_minutes,
        english.capacity,
    )


async def test_a_french_repeat_is_described_in_french(harness: Harness) -> None:
    await french_facilitator(harness)
    [weekdays] = await harness.say(
        "ana", "événement créer Mêlée chaque jour ouvrable à 9 h jusqu'au 30 juin 2027"
    )
    assert weekdays.text.splitlines()[1] == (
        "*Mêlée* — mardi 3 novembre 2026, 09 h 00 – 10 h 00 America/Toronto, "
        "chaque jour ouvrable jusqu'au 30 juin 2027"
    )
    [monthly] = await harness.say(
        "ana", "evenement creer Atelier le premier jeudi de chaque mois 14 h pendant 1 h 30"
    )
    assert monthly.text.splitlines()[1] == (
        "*Atelier* — jeudi 5 novembre 2026, 14 h 00 – 15 h 30 America/Toronto, "
        "le premier jeudi de chaque mois"
    )
    [weekly] = await harness.say("ana", "événement créer Café tous les mardis 10 h")
    assert weekly.text.splitlines()[1].endswith(", tous les mardis")


async def test_an_impossible_french_date_is_refused_in_french_and_creates_nothing(
    harness: Harness,
) -> None:
    await french_facilitator(harness)
    [refused] = await harness.say("ana", "événement créer Fête le 31 février 14 h")
    assert refused.text == (
        f"Il n'y a pas de 31 février. Par exemple{NBSP}: `jeudi 3 décembre 2026 14 h`."
    )
    assert not refused.buttons
    assert await harness.count(CalendarEvent) == 0
    [no_time] = await harness.say("ana", "événement créer Fête demain")
    assert no_time.text.startswith(f"À quelle heure commence-t-il{NNBSP}?")
    assert await harness.count(CalendarEvent) == 0


async def test_a_french_member_answers_in_french(harness: Harness) -> None:
    await setup_community(harness, "bob")
    [echo] = await harness.say("ana", f"event create {TWIN}")
    await harness.press("ana", echo.buttons[0])
    [bob] = [n for n in await member_names(harness) if n.casefold().startswith("bob")]
    await speaks_french(harness, bob)

    [shown] = await harness.say("bob", "événement afficher 1")
    assert shown.text.startswith("*Atelier* (événement 1, Accessibility)")
    assert [b.label for b in shown.buttons] == ["J'y serai", "Peut-être", "Je n'y serai pas"]
    [going] = await harness.press("bob", shown.buttons[0])
    assert going.text == (
        "Vous participez à *Atelier*, jeudi 5 novembre 2026, 14 h 00 – 15 h 00 "
        "America/Toronto. Je vous le rappellerai avant le début."
    )
    [again] = await harness.say("bob", "événement répondre 1 going")
    assert again.text.startswith("Votre participation à *Atelier*")
    [maybe] = await harness.press("bob", shown.buttons[1])
    assert maybe.text.startswith(f"C'est noté{NBSP}: Peut-être pour *Atelier*, jeudi 5 novembre")


async def test_a_french_facilitator_edits_lists_and_cancels_in_french(harness: Harness) -> None:
    await french_facilitator(harness)
    [echo] = await harness.say("ana", f"événement créer {LINE}")
    await harness.press("ana", echo.buttons[0])

    [asked] = await harness.say("ana", "événement modifier 1 15 h lieu : Salle 3")
    assert asked.text.splitlines()[0] == f"Modifier *Atelier* (événement 1){NNBSP}?"
    assert f"• Lieu{NBSP}: aucun → Salle 3" in asked.text
    assert [b.label for b in asked.buttons] == ["Enregistrer", "Annuler"]
    [saved] = await harness.press("ana", asked.buttons[0])
    assert saved.text == (
        f"Événement 1 modifié (moment, lieu){NBSP}: *Atelier* — jeudi 5 novembre 2026, "
        "15 h 00 – 16 h 00 America/Toronto. Les participants en sont avisés."
    )
    event = await event_row(harness, 1)
    assert (event.local_start, event.location) == ("2026-11-05T15:00:00", "Salle 3")

    [listing] = await harness.say("ana", "événement liste")
    assert listing.text.splitlines()[0] == "*Événements à venir* (dans votre fuseau horaire)"
    assert listing.text.splitlines()[1].endswith(" · 0 participant")

    [ask] = await harness.say("ana", "événement annuler 1")
    assert ask.text == f"Annuler *Atelier* (sa seule date){NNBSP}? Le canal sera avisé."
    assert [b.label for b in ask.buttons] == ["Annuler l'événement", "Le garder"]
    [done] = await harness.press("ana", ask.buttons[0])
    assert done.text == "L'événement *Atelier* est annulé (toutes les dates)."
    [gone] = await harness.say("ana", "événement afficher 1")
    assert gone.text == "Il n'y a pas d'événement 1. Voyez `événement liste`."


async def test_dates_that_do_not_work_are_refused_in_french(harness: Harness) -> None:
    await french_facilitator(harness)
    example = f" Par exemple{NBSP}: `jeudi 3 décembre 2026 14 h`."
    refusals = {
        "Fête le 1/10 14 h": (
            "Le 1er octobre 2026 est déjà passé. Pour le 1er octobre 2027, écrivez 2027-10-01."
        ),
        "Fête mercredi 3 décembre 2026 14 h": (
            "Le 3 décembre 2026 est un jeudi, pas un mercredi. Vérifiez la date, ou retirez le "
            "jour de la semaine."
        ),
        "Fête le 30 février 2027 14 h": "Il n'y a pas de 30 février.",
    }
    for line, problem in refusals.items():
        [refused] = await harness.say("ana", f"événement créer {line}")
        assert refused.text == problem + example, line
    [capacity] = await harness.say("ana", "événement créer Fête demain 14 h capacité : beaucoup")
    assert capacity.text == (
        f"La capacité est un nombre de personnes de 1 à 10{NNBSP}000 (ou «{NBSP}aucune{NBSP}»). "
        f"Par exemple{NBSP}: `capacité : 20`."
    )
    assert await harness.count(CalendarEvent) == 0


async def test_a_french_member_answers_with_french_words_and_reads_how_a_date_was_read(
    harness: Harness,
) -> None:
    await french_facilitator(harness, "bob")
    [echo] = await harness.say("ana", "événement créer Atelier le 3/12 à 14 h")
    assert echo.text.splitlines()[2] == (
        "J'ai lu 3/12 comme le 3 décembre 2026 (le jour d'abord)\u202f; si vous vouliez dire "
        "le 12 mars 2026, écrivez 2026-03-12."
    )
    await harness.press("ana", echo.buttons[0])
    [bob] = [n for n in await member_names(harness) if n.casefold().startswith("bob")]
    await speaks_french(harness, bob)
    [maybe] = await harness.say("bob", "événement répondre 1 peut-être")
    assert maybe.text.startswith(f"C'est noté{NBSP}: Peut-être pour *Atelier*, jeudi 3 décembre")
    [no] = await harness.say("bob", "evenement repondre 1 non")
    assert no.text.startswith(f"C'est noté{NBSP}: Je n'y serai pas pour *Atelier*")


async def test_a_zone_that_does_not_work_is_refused_in_french(harness: Harness) -> None:
    await french_facilitator(harness)
    [refused] = await harness.say("ana", "événement créer Fête demain 14 h IST")
    assert refused.text.startswith(
        f"«{NBSP}ist{NBSP}» désigne des fuseaux horaires différents selon l'endroit. Veuillez "
        "donner le fuseau d'une ville, par exemple Asia/Kolkata, Europe/Dublin ou Asia/Jerusalem."
    )
    assert await harness.count(CalendarEvent) == 0


async def test_a_field_too_long_is_refused_in_french_and_a_place_removed_with_aucun(
    harness: Harness,
) -> None:
    await french_facilitator(harness)
    [refused] = await harness.say("ana", f"événement créer {'A' * 130} demain 14 h")
    assert refused.text.startswith(f"Le champ «{NBSP}titre{NBSP}» fait 130")
    assert await harness.count(CalendarEvent) == 0
    [echo] = await harness.say("ana", f"événement créer {LINE} lieu : Salle 3")
    await harness.press("ana", echo.buttons[0])
    [asked] = await harness.say("ana", "événement modifier 1 lieu : aucun")
    assert f"• Lieu{NBSP}: Salle 3 → aucun" in asked.text
    await harness.press("ana", asked.buttons[0])
    assert (await event_row(harness, 1)).location == ""


async def test_a_french_facilitator_cancels_one_date_typed_in_french(harness: Harness) -> None:
    await french_facilitator(harness)
    [echo] = await harness.say("ana", "événement créer Café tous les jeudis 10 h")
    await harness.press("ana", echo.buttons[0])
    [which] = await harness.say("ana", "événement annuler 1")
    assert which.text.startswith(
        f"L'événement *Café* se répète{NBSP}: annulez une date (`événement annuler 1 DATE`)"
    )
    for typed in ("12 novembre", "12/11", "jeudi prochain"):
        [ask] = await harness.say("ana", f"événement annuler 1 {typed}")
        assert ask.text.startswith("Annuler *Café* le jeudi"), (typed, ask.text)
    [ask] = await harness.say("ana", "événement annuler 1 12/11")
    assert ask.text == f"Annuler *Café* le jeudi 12 novembre 2026{NNBSP}? Le canal sera avisé."
    [done] = await harness.press("ana", ask.buttons[0])
    assert done.text == "Annulé\u00a0: *Café* le jeudi 12 novembre 2026."
    [past] = await harness.say("ana", "événement annuler 1 1/10")
    assert past.text.startswith("Je n'ai pas pu lire «\u00a01/10\u00a0» comme un jour.")
    [all_of_it] = await harness.say("ana", "événement annuler 1 toutes")
    assert all_of_it.text.startswith("Annuler *Café* (toutes les dates)")


async def test_a_french_edit_that_does_not_work_is_refused_in_french(harness: Harness) -> None:
    await french_facilitator(harness)
    [echo] = await harness.say("ana", f"événement créer {LINE}")
    await harness.press("ana", echo.buttons[0])
    [refused] = await harness.say("ana", "événement modifier 1 sans fin")
    assert refused.text == (
        "Seul un événement récurrent a une fin à retirer. Par exemple\u00a0: "
        "`toutes les 2 semaines le mercredi 10 h jusqu'au 30 juin 2027`."
    )
    [nothing] = await harness.say("ana", "événement modifier 1")
    assert nothing.text.startswith("Dites ce qu'il faut modifier.")


async def test_a_full_event_puts_a_french_member_on_the_waitlist_in_french(
    harness: Harness,
) -> None:
    await french_facilitator(harness, "bob")
    [echo] = await harness.say(
        "ana", "événement créer Revue toutes les 2 semaines le mercredi 10 h capacité : 1"
    )
    await harness.press("ana", echo.buttons[0])
    [shown] = await harness.say("ana", "événement afficher 1")
    assert f"America/Toronto{NNBSP}; mercredi 18 novembre 2026" in shown.text
    assert f"• J'y serai{NBSP}: 0 sur 1 · Peut-être{NBSP}: 0" in shown.text
    await harness.press("ana", shown.buttons[0])
    [bob] = [n for n in await member_names(harness) if n.casefold().startswith("bob")]
    await speaks_french(harness, bob)
    [waiting] = await harness.press("bob", shown.buttons[0])
    assert waiting.text.startswith(
        f"L'événement *Revue* est complet (1 place){NBSP}: vous êtes sur la liste d'attente "
        "pour le mercredi 4 novembre 2026"
    )
    [who] = await harness.say("ana", "événement participants 1")
    assert who.text.splitlines()[1:] == [
        f"• J'y serai (1 sur 1){NBSP}: Ana (@ana)",
        f"• Peut-être{NBSP}: —",
        f"• Je n'y serai pas{NBSP}: —",
        f"• Liste d'attente, dans l'ordre{NBSP}: Bob (@bob)",
    ]


async def test_help_and_usage_lines_use_the_french_words_of_event_and_its_forms(
    harness: Harness,
) -> None:
    await french_facilitator(harness)
    [near] = await harness.say("ana", "événement crer Atelier demain 14 h")
    assert near.text.startswith(f"Vouliez-vous dire `événement créer`{NNBSP}?")
    assert "`événement créer TITLE WHEN [where: PLACE]" in near.text
    [usage] = await harness.say("ana", "événement répondre 1")
    assert usage.text == f"Utilisation{NBSP}: `événement répondre ID going|maybe|no [DATE]`"
    [english] = await harness.say("bob", "help event")
    assert "• `event create TITLE WHEN" in english.text
