"""`community language`: facilitators choose what their channel's posts are written in."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guildbot.bot.i18n.channels import ChannelLanguage, parse_channel_language
from guildbot.contract.adapter import PlatformProfile
from guildbot.storage.repositories.communities import CommunityRepository
from tests.fakes import Harness


async def language_of(harness: Harness, slug: str) -> str:
    async with harness.app.database.transaction() as session:
        community = await CommunityRepository(session).by_slug(slug)
        assert community is not None
        return community.language


async def test_a_new_community_posts_in_english_until_its_facilitator_chooses(
    harness: Harness,
) -> None:
    await harness.text("ana", "community create Plain Language")
    assert await language_of(harness, "plain-language") == "en"
    reply = await harness.text("ana", "community language plain-language both fr")
    assert reply == (
        "*Plain Language* now posts in French and English in its channel, French first. "
        "Messages to one person stay in that person's language."
    )
    assert await language_of(harness, "plain-language") == "fr+en"
    await harness.text("ana", "community language plain language both")
    assert await language_of(harness, "plain-language") == "en+fr"


async def test_a_french_facilitator_is_answered_in_french(harness: Harness) -> None:
    await harness.text("ana", "community create Plain Language")
    await harness.text("ana", "profile set language fr")
    reply = await harness.text("ana", "community language plain-language fr")
    assert reply.startswith("*Plain Language* publie maintenant en français dans son canal.")
    assert await language_of(harness, "plain-language") == "fr"


async def test_a_setting_it_cannot_read_changes_nothing(harness: Harness) -> None:
    await harness.text("ana", "community create Plain Language")
    await harness.text("ana", "profile set language fr")
    reply = await harness.text("ana", "community language plain-language klingon")
    assert reply.startswith("«\u00a0klingon\u00a0» n'est pas un réglage de langue.")
    assert reply.endswith("Rien n'a été modifié.")
    assert await language_of(harness, "plain-language") == "en"


async def test_only_facilitators_choose(harness: Harness) -> None:
    await harness.text("ana", "community create Plain Language")
    await harness.text("ben", "community join plain-language")
    reply = await harness.text("ben", "community language plain-language fr")
    assert "facilitators and admins" in reply
    assert await language_of(harness, "plain-language") == "en"


def test_what_facilitators_type_for_a_setting() -> None:
    assert parse_channel_language("EN") is ChannelLanguage.EN
    assert parse_channel_language("Français") is ChannelLanguage.FR
    assert parse_channel_language("both") is ChannelLanguage.EN_FR
    assert parse_channel_language("les deux") is ChannelLanguage.EN_FR
    assert parse_channel_language("both fr") is ChannelLanguage.FR_EN
    assert parse_channel_language("bilingue fr-first") is ChannelLanguage.FR_EN
    assert parse_channel_language("fr+en") is ChannelLanguage.FR_EN
    assert parse_channel_language("both de") is None
    assert ChannelLanguage.FR_EN.languages == (ChannelLanguage.FR.languages[0],
                                               ChannelLanguage.EN.languages[0])  # fmt: skip


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
def test_any_typed_setting_is_read_or_refused_without_raising(typed: str) -> None:
    assert parse_channel_language(typed) in (None, *ChannelLanguage)


async def test_a_bilingual_channel_welcomes_in_both_each_in_its_facilitators_words(
    harness: Harness,
) -> None:
    await harness.say("ana", "community create Accessibility", where=harness.channel)
    harness.adapter.profiles["U-new"] = PlatformProfile("Sam Roy")
    await harness.text("ana", "community language accessibility both")
    await harness.text("ana", "community welcome accessibility -- Hello! Read the pinned notes.")
    await harness.text("ana", "community welcome accessibility fr -- Bonjour ! Lisez les notes.")
    [welcome] = await harness.joins("U-new", harness.channel)
    english, french = welcome.text.split("\n———\n")
    assert english == "👋 Welcome to *Accessibility*, Sam Roy! Hello! Read the pinned notes."
    assert french.startswith("👋 Bienvenue")
    assert french.endswith("Bonjour ! Lisez les notes.")
    # A French facilitator's words are the French welcome, without naming the language.
    await harness.text("ana", "profile set language fr")
    await harness.text("ana", "community welcome accessibility -- Salut, bienvenue.")
    [again] = await harness.joins("U-new", harness.channel)
    assert again.text.split("\n———\n")[0] == english
    assert again.text.endswith("Salut, bienvenue.")


async def test_a_french_welcome_turns_the_welcome_on_and_off_turns_both_off(
    harness: Harness,
) -> None:
    await harness.say("ana", "community create Accessibility", where=harness.channel)
    harness.adapter.profiles["U-new"] = PlatformProfile("Sam Roy")
    await harness.text("ana", "community language accessibility fr")
    await harness.text("ana", "community welcome accessibility fr -- Bonjour à toutes et à tous.")
    [welcome] = await harness.joins("U-new", harness.channel)
    assert "———" not in welcome.text
    assert welcome.text.endswith("Bonjour à toutes et à tous.")
    await harness.text("ana", "community welcome accessibility off")
    assert await harness.joins("U-new", harness.channel) == []
