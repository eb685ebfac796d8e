"""Each member is answered in their language: the platform's where it says, their own choice
with `profile set language`, else GUILDBOT_DEFAULT_LOCALE — through the router, end to end."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.contract.adapter import PlatformProfile
from guildbot.storage.models import AuditEntry, Member
from guildbot.storage.repositories.communities import CommunityRepository
from tests.adapters.test_console import run_console
from tests.fakes import Harness, RecordingAdapter


@pytest.fixture
def people(harness: Harness) -> Harness:
    harness.adapter.profiles["zoe"] = PlatformProfile("Zoé Tremblay", locale="fr-CA")
    harness.adapter.profiles["ana"] = PlatformProfile("Ana Lima", locale="en-GB")
    return harness


async def locale_of(harness: Harness, name: str) -> str:
    async with harness.app.database.transaction() as session:
        return (
            await session.scalars(select(Member.locale).where(Member.display_name == name))
        ).one()


async def audit_count(harness: Harness) -> int:
    async with harness.app.database.transaction() as session:
        return (await session.scalars(select(func.count()).select_from(AuditEntry))).one()


async def test_a_french_member_gets_help_in_french_and_an_english_one_in_english(
    people: Harness,
) -> None:
    (french,) = await people.say("zoe", "aide")
    assert french.text.startswith("*Guildbot* met en relation les personnes d'un même métier")
    assert "• `profil` — voir ou modifier votre profil" in french.text
    assert french.context is not None and french.context.startswith("Tapez `aide COMMANDE`")
    (english,) = await people.say("ana", "help")
    assert english.text.startswith("*Guildbot* connects people who share a craft")
    assert "• `profile` — see or update your profile" in english.text
    # The words of either language work for both: it is the reader who decides the answer's.
    assert (await people.text("ana", "aide")).startswith("*Guildbot* connects people")
    assert (await people.text("zoe", "help profile")).startswith("*profil* — voir ou modifier")


async def test_did_you_mean_in_the_readers_language_on_their_words(people: Harness) -> None:
    assert (await people.text("zoe", "aidr")).startswith(
        "Je ne connais pas la commande «\u00a0aidr\u00a0». Vouliez-vous dire `aide`\u202f?"
    )
    assert (await people.text("zoe", "profl")).startswith("Je ne connais pas la commande")
    assert "Vouliez-vous dire `profil`\u202f?" in await people.text("zoe", "profl")
    assert (await people.text("ana", "profl")).startswith(
        "I don't know the command “profl”. Did you mean `profile`?"
    )
    assert (await people.text("ana", "halp")).startswith(
        "I don't know the command “halp”. Did you mean `help`?"
    )
    usage = await people.say("zoe", "profil frob")
    assert usage[0].text == (
        "Utilisation\u00a0:\n`profil`\n`profil set department|title|timezone|language VALUE`"
    )
    assert usage[0].context == "Plus\u00a0: `aide profil`"
    assert (await people.text("zoe", "aide profl")).startswith(
        "Il n'y a pas de commande «\u00a0profl\u00a0». Vouliez-vous dire `profil`\u202f?"
    )


async def test_oversized_input_and_a_lone_number_are_answered_in_french(people: Harness) -> None:
    await people.say("zoe", "profil")  # known from now on
    assert await people.text("zoe", "x" * 4_001) == (
        "Ce message fait 4\u202f001 caractères\u202f; je peux en lire jusqu'à 4\u202f000. "
        "Raccourcissez-le, s'il vous plaît."
    )
    assert (await people.text("zoe", "3")).startswith("Rien n'attend de numéro de votre part")


async def test_profile_set_language_switches_the_next_reply_and_is_shown(
    people: Harness,
) -> None:
    profile = await people.say("ana", "profile")
    assert "• Language: English" in profile[0].text
    assert await people.text("ana", "profile set language fr") == (
        "Je vous écrirai désormais en français. In English: `profile set language en`."
    )
    assert await locale_of(people, "Ana Lima") == "fr-GB"
    shown = await people.say("ana", "profil")
    assert "• Langue\u00a0: français" in shown[0].text
    assert "• Fuseau horaire\u00a0: UTC" in shown[0].text
    assert (await people.text("ana", "help")).startswith("*Guildbot* met en relation")
    await people.say("ana", "profil set langue English")
    assert (await people.text("ana", "help")).startswith("*Guildbot* connects people")
    await people.say("ana", "profile set language fr-CA")
    assert await locale_of(people, "Ana Lima") == "fr-CA"


async def test_bad_input_in_french_gets_its_french_answer_and_changes_nothing(
    people: Harness,
) -> None:
    await people.say("zoe", "profil")
    before = await audit_count(people)
    assert await people.text("zoe", "profil set langue klingon") == (
        "«\u00a0klingon\u00a0» n'est pas une langue que je parle. Choisissez `fr` (français) "
        "ou `en` (anglais), p. ex. `profil set language en`. Rien n'a été modifié."
    )
    assert (await people.text("zoe", "profil set couleur bleu")).startswith(
        "Utilisation\u00a0: `profil set department|title|timezone|language VALUE`"
    )
    assert await people.text("zoe", "profil set fuseau Mars/Olympus") == (
        "Je ne connais pas le fuseau horaire «\u00a0Mars/Olympus\u00a0». Utilisez un nom IANA "
        "comme America/Toronto ou Europe/Paris."
    )
    assert "Vouliez-vous dire America/Toronto\u202f?" in await people.text(
        "zoe", "profil set timezone America/Torono"
    )
    assert (await people.text("zoe", "profil set timezone EST")).endswith(
        "par exemple America/Toronto ou America/New_York."
    )
    assert "Fuseau horaire\u00a0: UTC" in await people.text("zoe", "profil")
    assert await locale_of(people, "Zoé Tremblay") == "fr-CA"
    assert await audit_count(people) == before


async def test_the_department_question_and_its_buttons_in_french(people: Harness) -> None:
    await people.say("ana", "profile set department Finance")
    (asked,) = await people.say("zoe", "profil set department Finanse")
    assert asked.text == (
        "Il n'y a pas de ministère appelé «\u00a0Finanse\u00a0». Vouliez-vous dire *Finance*\u202f?"
    )
    assert [b.label for b in asked.buttons] == [
        "Choisir Finance",
        "Créer «\u00a0Finanse\u00a0»",
        "Annuler",
    ]
    assert await people.text("zoe", "profil set titre Analyste") == (
        "Votre titre est maintenant «\u00a0Analyste\u00a0»."
    )


@pytest.fixture
async def french_by_default(database_url: str, clock: ManualClock) -> AsyncIterator[Guildbot]:
    guildbot = await build(Settings(database_url=database_url, default_locale="fr"), clock=clock)
    yield guildbot
    await guildbot.close()


async def test_members_whose_platform_does_not_say_get_the_default_language(
    french_by_default: Guildbot, clock: ManualClock
) -> None:
    harness = Harness(french_by_default, RecordingAdapter(clock))
    harness.adapter.profiles["max"] = PlatformProfile("Max Roy")
    harness.adapter.profiles["ana"] = PlatformProfile("Ana Lima", locale="en-US")
    assert (await harness.text("max", "help")).startswith("*Guildbot* met en relation")
    assert (await harness.text("ana", "help")).startswith("*Guildbot* connects people")
    assert await locale_of(harness, "Max Roy") == "fr"


async def test_the_console_in_french(french_by_default: Guildbot) -> None:
    output = await run_console(french_by_default, "aide\naidr\nprofil set language en\nhelp\n")
    assert "guildbot: *Guildbot* met en relation" in output
    assert "Vouliez-vous dire `aide`\u202f?" in output
    assert "I'll write to you in English from now on." in output
    assert "guildbot: *Guildbot* connects people" in output.split("from now on")[1]


async def test_a_new_community_posts_in_the_default_language(
    french_by_default: Guildbot, clock: ManualClock
) -> None:
    harness = Harness(french_by_default, RecordingAdapter(clock))
    harness.adapter.profiles["ana"] = PlatformProfile("Ana Lima", locale="en-US")
    await harness.text("ana", "community create Accessibility")
    async with french_by_default.database.transaction() as session:
        community = await CommunityRepository(session).by_slug("accessibility")
    assert community is not None
    assert community.language == "fr"
