"""Coffee intros in English and French: the copy writes no words of its own, a French
member is answered in French, and what a round sends is in each reader's language (a
group's intro in the group's, or in both when its members read different ones)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from guildbot.bot.clock import ManualClock
from guildbot.bot.features.coffee import copy, facilitator_copy, lifecycle, round_copy
from guildbot.bot.features.coffee.effects import Skip, Tell
from guildbot.bot.features.coffee.round_copy import group_languages
from guildbot.bot.i18n import Language
from guildbot.bot.i18n.checks import literals_in
from guildbot.storage.models import CoffeeParticipant, CoffeeProgram
from tests.bot.features.coffee.test_coffee import (
    FIRST_ROUND,
    SETUP,
    community_with,
    intros,
    members_of,
)
from tests.bot.features.coffee.test_lifecycle import FACTS
from tests.fakes import Harness, button

EN, FR = Language.EN, Language.FR
PAIR = {"ana": "Finance", "ben": "Health"}


def test_the_copy_modules_write_no_sentence_of_their_own() -> None:
    for module in (copy, round_copy, facilitator_copy):
        assert module.__file__ is not None
        assert literals_in(Path(module.__file__)) == []


def test_a_group_reads_its_majoritys_language_first_and_english_on_a_tie() -> None:
    assert group_languages([EN, EN]) == (EN,)
    assert group_languages([FR, FR, FR]) == (FR,)
    assert group_languages([FR, EN]) == (EN, FR)
    assert group_languages([FR, EN, FR]) == (FR, EN)
    assert group_languages([EN, FR, EN]) == (EN, FR)


async def french(harness: Harness, *users: str) -> None:
    for user in users:
        assert "français" in await harness.text(user, "profile set language fr")


async def test_a_french_member_joins_checks_and_snoozes_in_french(harness: Harness) -> None:
    await community_with(harness, PAIR)
    await harness.text("ana", SETUP)
    await french(harness, "ben")
    [joined] = await harness.say("ben", "café join data-science")
    assert joined.text.startswith("☕ Vous participez aux cafés-rencontres de Data Science !")
    assert "La prochaine ronde aura lieu lundi 2 novembre à 10 h 00 America/Toronto." in (
        joined.text
    )
    assert "une ou un collègue" in joined.text
    status = await harness.text("ben", "cafe status")  # without its accent too
    assert "☕ *Vos cafés-rencontres*" in status
    assert "• Data Science : inscrit ; prochaine ronde lundi 2 novembre" in status
    snoozed = await harness.text("ben", "café snooze 5d")
    assert snoozed.startswith("😴 En pause jusqu'au samedi 7 novembre 2026 (Data Science).")
    assert "en pause jusqu'au 2026-11-07" in await harness.text("ben", "café status")
    # The English member's replies have not changed.
    assert await harness.text("ana", "coffee join data-science") == (
        "☕ You're in Data Science's coffee intros! The next round is Monday 2 November at "
        "10:00 America/Toronto. I'll open a group chat with a colleague from elsewhere in the "
        "organisation."
    )


async def test_a_french_member_snoozes_until_a_day_written_in_french(harness: Harness) -> None:
    await community_with(harness, PAIR)
    await harness.text("ana", SETUP)
    await french(harness, "ben")
    await harness.text("ben", "café join data-science")
    # START is Monday 2 November 2026.
    friday = await harness.text("ben", "café snooze jusqu'au vendredi prochain data-science")
    assert friday.startswith("😴 En pause jusqu'au vendredi 6 novembre 2026 (Data Science).")
    january = await harness.text("ben", "café snooze jusqu'au 15 janvier")
    assert january.startswith("😴 En pause jusqu'au vendredi 15 janvier 2027")
    english = await harness.text("ben", "café snooze until Feb 1")
    assert english.startswith("😴 En pause jusqu'au lundi 1 février 2027")


async def test_french_plurals_in_a_facilitators_replies(harness: Harness) -> None:
    await community_with(harness, PAIR)
    await french(harness, "ana")
    set_up = await harness.text("ana", f"{SETUP} groups of 3")
    assert set_up.startswith("☕ Les cafés-rencontres sont en place pour *Data Science*.")
    assert "• Fréquence : chaque semaine, le lundi, à 10 h 00 (America/Toronto)" in set_up
    assert "• Groupes de 3 ; toute personne inscrite participe" in set_up
    assert "• Participants : 0" in set_up
    assert "2 collègues" in await harness.text("ana", "café join data-science")
    preview = await harness.text("ana", "café preview data-science")
    assert "compte 1 personne pour l'instant : elle serait annulée." in preview
    await harness.text("ben", "coffee join data-science")
    [shown] = await harness.say("ana", "café preview data-science")
    assert "(2 personnes, vous seul le voyez) :" in shown.text
    assert [b.label for b in shown.buttons] == ["Nouveau tirage"]
    assert "• Participation : 2 membres sur 2 (0 en pause, 0 partis)" in await harness.text(
        "ana", "café stats data-science"
    )


async def test_bad_french_input_is_refused_in_french_and_changes_nothing(
    harness: Harness,
) -> None:
    await community_with(harness, PAIR)
    await french(harness, "ana", "ben")
    refused = await harness.text("ana", "café setup data-science weekly parfois")
    assert refused.startswith("Je n'ai pas compris «\u00a0parfois\u00a0» dans ces réglages.")
    assert "n'est pas une heure" in await harness.text("ana", "café setup data-science at 25:00")
    assert "«\u00a0mundy\u00a0» n'est pas un jour de la semaine. Vouliez-vous dire Monday ?" in (
        await harness.text("ana", "café setup data-science on mundy")
    )
    assert await harness.count(CoffeeProgram) == 0
    await harness.text("ana", SETUP)
    await harness.text("ben", "café join data-science")
    impossible = await harness.text("ben", "café snooze until 2027-02-30")
    assert impossible.startswith("Je n'ai pas pu lire «\u00a02027-02-30\u00a0» comme une date.")
    assert "n'est pas une durée" in await harness.text("ben", "café snooze bientôt")
    assert "est passé" in await harness.text("ben", "café snooze until 2020-01-01")
    assert "• Data Science : inscrit" in await harness.text("ben", "café status")
    async with harness.app.database.transaction() as session:
        rows = (await session.execute(CoffeeParticipant.__table__.select())).all()
    assert [row.snoozed_until for row in rows] == [None]


async def test_an_all_french_pair_is_introduced_and_followed_up_in_french(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness, PAIR)
    await harness.text("ana", SETUP)
    await french(harness, "ana", "ben")
    for user in PAIR:
        await harness.text(user, "café join data-science")
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    [intro] = [m for m in sent if m.text.startswith("☕ *Café-rencontre* — Data Science.")]
    assert members_of(intro.message) == set(PAIR)
    assert "Pourquoi ce groupe :" in intro.text and "Pour commencer :" in intro.text
    # Why, in French too: the group keeps its reason's parts, not only their English.
    assert "première rencontre" in intro.text and "never met" not in intro.text
    assert "c'est à vous de proposer un moment cette ronde" in intro.text
    assert "Coffee intro" not in intro.text
    assert [b.label for b in intro.buttons] == [
        "Pause de 2 semaines",
        "Ne plus me jumeler avec eux",
        "Quitter les cafés-rencontres",
    ]
    later = await harness.run_until(clock, FIRST_ROUND + timedelta(days=5, minutes=1))
    [follow_up] = [m for m in later if "Comment s'est passé votre café de Data Science" in m.text]
    assert [b.label for b in follow_up.buttons] == ["Rencontre faite", "Pas encore", "Passer"]
    [thanks] = await harness.press("ben", button(follow_up, "Rencontre faite"))
    assert "Formidable" in thanks.text
    assert "votre réponse : Rencontre faite" in await harness.text("ben", "café history")


async def test_a_mixed_pair_gets_both_versions_english_first(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness, PAIR)
    await harness.text("ana", SETUP)
    await french(harness, "ben")
    for user in PAIR:
        await harness.text(user, "coffee join data-science")
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    [intro] = intros(sent)
    english, _, rest = intro.text.partition("\n\n☕ *Café-rencontre* — Data Science.")
    assert english.startswith("☕ *Coffee intro* — Data Science. Meet each other:")
    assert "you're proposing a time this round" in english
    assert "c'est à vous de proposer un moment" in rest
    assert [b.label for b in intro.buttons] == [
        "Snooze me 2 weeks / Pause de 2 semaines",
        "Never pair me with them / Ne plus me jumeler avec eux",
        "Leave coffee intros / Quitter les cafés-rencontres",
    ]


def test_facilitators_and_members_are_told_in_their_own_language() -> None:
    facts = replace(FACTS, languages={1: FR})  # facilitator 1 reads French, 2 English
    [skip] = lifecycle.after_solving(facts, 1, None, {}, {})
    assert isinstance(skip, Skip)
    assert skip.why == "only 1 person taking part"  # the round's note: the default language
    told = {tell.member: tell.body.text.plain() for tell in skip.then}
    assert "a été annulée : seulement 1 personne inscrite." in told[1]
    assert "was skipped: only 1 person taking part." in told[2]
    asked = lifecycle.asked(replace(FACTS, languages={5: FR}), [5, 6], FACTS.occurrence_at)
    assert all(isinstance(tell, Tell) for tell in asked)
    labels = [[b.label for b in tell.body.buttons] for tell in asked if isinstance(tell, Tell)]
    assert labels == [["J'en suis", "Pas cette fois"], ["I'm in", "Not this time"]]


async def test_help_describes_cafe_in_french(harness: Harness) -> None:
    await french(harness, "ana")
    shown = await harness.text("ana", "aide café")
    assert "`café status` — où vous en êtes, et la prochaine ronde" in shown
    assert "`café join [COMMUNITY]` — participer aux cafés-rencontres" in shown
