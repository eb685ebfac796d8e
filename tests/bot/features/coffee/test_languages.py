"""The languages members meet in: what they work in, what they would like to practise, and
a program that keeps people who share no working language apart."""

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from guildbot.bot.clock import ManualClock
from guildbot.bot.features.coffee.languages import parse_practice, parse_working
from guildbot.contract.refs import ConversationKind
from guildbot.storage.models import AuditEntry, CoffeeProgram, Member, PlatformIdentity
from tests.bot.features.coffee.test_coffee import (
    FIRST_ROUND,
    SETUP,
    community_with,
    intros,
    join_all,
    members_of,
)
from tests.fakes import Harness

# Departments all differ, so only languages decide who meets whom.
PEOPLE = {"ana": "Finance", "ben": "Health", "cy": "Transport", "di": "Legal"}


async def languages_of(harness: Harness) -> dict[str, tuple[str | None, str | None]]:
    async with harness.app.database.transaction() as session:
        rows = (await session.execute(
            select(PlatformIdentity.user_id, Member.working_languages, Member.practice_language)
            .join(Member, Member.id == PlatformIdentity.member_id)
        )).all()  # fmt: skip
    return {user: (working, practice) for user, working, practice in rows}


async def test_members_say_the_languages_they_work_in_and_practise(harness: Harness) -> None:
    assert await harness.text("ana", "coffee language both") == (
        "You work in English and French: you can be paired with anyone."
    )
    await harness.text("ben", "profile set language fr")
    assert (await harness.text("ben", "café language français")).startswith(
        "Vous travaillez en français"
    )
    assert (await harness.text("ben", "café practice anglais")).startswith(
        "C'est noté : vous aimeriez pratiquer l'anglais."
    )
    held = await languages_of(harness)
    assert held["ana"] == ("en+fr", None)
    assert held["ben"] == ("fr", "en")
    assert await harness.text("ben", "café practice off") == (
        "C'est noté : pas de pratique linguistique dans vos cafés."
    )
    assert (await languages_of(harness))["ben"] == ("fr", None)
    # What they said is theirs to see in their export.
    export = await harness.text("ana", "privacy export")
    assert '"working_languages": "en+fr"' in export


async def test_a_language_it_cannot_read_changes_nothing(harness: Harness) -> None:
    await harness.text("ana", "coffee language fr")
    await harness.text("ana", "profile set language fr")
    refused = await harness.text("ana", "café language klingon")
    assert refused.startswith("«\u00a0klingon\u00a0» n'est pas une langue")
    assert refused.endswith("Rien n'a été modifié.")
    assert (await languages_of(harness))["ana"] == ("fr", None)


async def test_a_shared_language_program_pairs_people_who_can_talk(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness, PEOPLE)
    for user in ("ana", "ben"):
        await harness.text(user, "profile set language fr")
    reply = await harness.text("ana", f"{SETUP} shared-language")
    assert "• Langues : chacun est jumelé" in reply
    await join_all_in_french(harness)
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    groups = sorted(
        sorted(members_of(m.message)) for m in sent if m.to.kind is ConversationKind.GROUP
    )
    assert groups == [["ana", "ben"], ["cy", "di"]]


async def join_all_in_french(harness: Harness) -> None:
    for user in PEOPLE:
        await harness.text(user, "coffee join data-science")


async def test_without_the_option_languages_do_not_keep_people_apart(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness, PEOPLE)
    await harness.text("ana", SETUP)
    await join_all(harness, PEOPLE)
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    assert len(intros(sent)) == 2


@given(st.text(max_size=30))
def test_any_typed_language_is_read_or_refused_without_raising(typed: str) -> None:
    assert parse_working(typed) in (None, "en", "fr", "en+fr")
    assert parse_practice(typed) in (None, "", "en", "fr")


async def test_facilitators_write_the_intros_opening_line_in_each_language(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness, PEOPLE)
    await harness.text("ana", SETUP)
    for user in ("cy", "di"):
        await harness.text(user, "profile set language fr")
    set_en = await harness.text("ana", "coffee intro data-science -- What are you reading?")
    assert set_en.startswith("*Data Science*'s intros in English now open with your words")
    set_fr = await harness.text("ana", "coffee intro data-science fr -- Que lisez-vous ?")
    assert "“Que lisez-vous ?”" in set_fr
    assert await harness.count(AuditEntry) >= 2
    await join_all_in_french(harness)
    await harness.text("ana", "coffee never @cy")  # keep the two languages in their own pairs
    await harness.text("ana", "coffee never @di")
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    by_group = {
        frozenset(members_of(m.message)): m.text
        for m in sent
        if m.to.kind is ConversationKind.GROUP
    }
    assert "To start: What are you reading?" in by_group[frozenset({"ana", "ben"})]
    assert "Que lisez-vous ?" in by_group[frozenset({"cy", "di"})]


async def test_an_opening_line_too_long_or_without_a_program_changes_nothing(
    harness: Harness,
) -> None:
    await community_with(harness, PEOPLE)
    no_program = await harness.text("ana", "coffee intro data-science -- Hello")
    assert "coffee setup" in no_program
    await harness.text("ana", SETUP)
    too_long = await harness.text("ana", "coffee intro data-science -- " + "x" * 400)
    assert "300" in too_long
    async with harness.app.database.transaction() as session:
        program = (await session.scalars(select(CoffeeProgram))).one()
    assert program.intro_text is None and program.intro_text_fr is None


async def test_a_french_member_naming_nobody_is_told_in_french(harness: Harness) -> None:
    await harness.text("ana", "profile set language fr")
    reply = await harness.text("ana", "café never @Personne Inconnue")
    assert "Personne Inconnue" in reply
    assert reply.startswith("Je ne trouve pas de membre appelé")
