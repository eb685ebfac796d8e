"""Profiles and expertise, end to end through the router and a recording adapter."""

from sqlalchemy import select

from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.refs import ConversationKind
from guildbot.storage.models import Member, PlatformIdentity, Skill
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.skills import SkillRepository
from tests.fakes import Harness


async def skills_of(harness: Harness, user: str) -> list[str]:
    async with harness.app.database.transaction() as session:
        member_id = (
            await session.scalars(
                select(PlatformIdentity.member_id).where(PlatformIdentity.user_id == user)
            )
        ).one()
        return [name for name, _ in await SkillRepository(session).of_member(member_id)]


async def test_first_contact_creates_a_member_with_name_and_time_zone(harness: Harness) -> None:
    harness.adapter.profiles["U1"] = PlatformProfile("Ana Lima", timezone="Europe/Lisbon")
    text = await harness.text("U1", "profile")
    assert "*Ana Lima*" in text
    assert "Time zone: Europe/Lisbon" in text
    await harness.text("U1", "profile")
    async with harness.app.database.transaction() as session:
        assert len((await session.scalars(select(Member))).all()) == 1


async def test_user_the_platform_cannot_look_up_gets_a_clear_answer_and_nothing_is_stored(
    harness: Harness,
) -> None:
    harness.adapter.profiles["U404"] = None
    text = await harness.text("U404", "expertise add python")
    assert "couldn't look up your profile" in text
    async with harness.app.database.transaction() as session:
        assert (await session.scalars(select(Member))).all() == []


async def test_replies_are_private_to_the_asker(harness: Harness) -> None:
    [reply] = await harness.say("ana", "help", where=harness.channel)
    assert reply.ephemeral_to == harness.ref("ana")
    assert reply.to == harness.channel


async def test_aliases_and_spellings_are_one_skill(harness: Harness) -> None:
    assert "Added *kubernetes*." in await harness.text("ana", "expertise add k8s")
    assert "already list *kubernetes*" in await harness.text(
        "ana", "/guild expertise add Kubernetes"
    )
    assert await skills_of(harness, "ana") == ["kubernetes"]


async def test_typo_asks_did_you_mean_and_the_button_adds_it(harness: Harness) -> None:
    [reply] = await harness.say("ana", "expertise add kubernets")
    assert "did you mean *kubernetes*?" in reply.text
    assert await skills_of(harness, "ana") == []  # nothing added silently
    labels = [b.label for b in reply.buttons]
    assert labels[0] == "Add kubernetes"
    assert labels[-1] == "Cancel"
    [confirmation] = await harness.press("ana", reply.buttons[0])
    assert confirmation.text == "Added *kubernetes*."
    assert await skills_of(harness, "ana") == ["kubernetes"]


async def test_typo_can_be_kept_as_a_new_skill_or_cancelled(harness: Harness) -> None:
    [reply] = await harness.say("ana", "expertise add kubernets")
    cancel = reply.buttons[-1]
    [cancelled] = await harness.press("ana", cancel)
    assert "nothing changed" in cancelled.text
    as_new = next(b for b in reply.buttons if "new skill" in b.label)
    [added] = await harness.press("ana", as_new)
    assert "new to the directory" in added.text
    assert await skills_of(harness, "ana") == ["kubernets"]


async def test_a_new_skill_is_the_members_at_once_and_everyones_once_reviewed(
    harness: Harness,
) -> None:
    text = await harness.text("ana", "expertise add Basket weaving")
    assert "Added *basket weaving* (new to the directory" in text
    assert "once a facilitator accepts it" in text
    assert await skills_of(harness, "ana") == ["basket weaving"]
    # Not shared yet: Ben's typo is not matched to Ana's new word.
    await harness.text("ana", "expertise add kubernets")  # asked about: press nothing
    [pending] = await harness.say("ana", "expertise add kubernetz")
    [as_new] = [b for b in pending.buttons if "new skill" in b.label]
    await harness.press("ana", as_new)
    [ben] = await harness.say("ben", "expertise add kubernetz")
    assert "did you mean *kubernetes*" in ben.text  # not Ana's "kubernetz"

    refused = await harness.text("ben", "expertise review")
    assert "Only community facilitators and admins review new skills" in refused
    await harness.text("cleo", "community create Crafts")  # Cleo: an admin of a community
    [queue] = await harness.say("cleo", "expertise review")
    assert "basket weaving — declared by 1 person" in queue.text
    assert "kubernetz — declared by 1 person" in queue.text
    [accept_basket] = [b for b in queue.buttons if b.label == "Accept basket weaving"]
    [reject_typo] = [b for b in queue.buttons if b.label == "Reject kubernetz"]
    assert "Accepted *basket weaving*" in (await harness.press("cleo", accept_basket))[0].text
    assert "Rejected *kubernetz*" in (await harness.press("cleo", reject_typo))[0].text
    assert "reviewed already" in (await harness.press("cleo", reject_typo))[0].text
    assert await skills_of(harness, "ana") == ["basket weaving"]
    assert await harness.text("ben", "expertise add basket weaving") == "Added *basket weaving*."
    assert "No new skills are waiting" in await harness.text("cleo", "expertise review")


async def test_several_skills_at_once_with_mixed_outcomes(harness: Harness) -> None:
    [reply] = await harness.say("ana", "expertise add a11y, plain language; kubernets, !!!")
    assert "Added *accessibility*." in reply.text
    assert "Added *plain language*." in reply.text
    assert "did you mean *kubernetes*" in reply.text
    assert "isn't a skill name I can store" in reply.text
    assert await skills_of(harness, "ana") == ["accessibility", "plain language"]


async def test_remove_and_list(harness: Harness) -> None:
    await harness.text("ana", "expertise add python, sql")
    assert await harness.text("ana", "expertise remove postgres") == "Removed *sql*."
    assert "You don't list “java”" in await harness.text("ana", "expertise remove java")
    listing = await harness.text("ana", "expertise list")
    assert "• python (since Nov 2026)" in listing
    assert "sql" not in listing


async def test_a_new_skill_awaiting_review_can_be_removed(harness: Harness) -> None:
    assert "new to the directory" in await harness.text("ana", "expertise add zzfoo bar")
    assert await harness.text("ana", "expertise remove Zzfoo  Bar") == "Removed *zzfoo bar*."
    assert "zzfoo" not in await harness.text("ana", "expertise list")


async def test_list_someone_else_and_unknown_member(harness: Harness) -> None:
    harness.adapter.profiles["U2"] = PlatformProfile("Li Wei")
    await harness.text("U2", "expertise add statistics")
    assert "Li Wei's expertise" in await harness.text("ana", "expertise list @Li Wei")
    assert "Li Wei's expertise" in await harness.text("ana", "expertise list <@U2>")
    not_found = await harness.text("ana", "expertise list @Li Way")
    assert "couldn't find a member called “Li Way”. Did you mean Li Wei?" in not_found


async def test_empty_expertise_add_shows_usage(harness: Harness) -> None:
    text = await harness.text("ana", "expertise add")
    assert "Usage: `expertise add SKILL[, SKILL…]`" in text


async def test_profile_set_timezone_accepts_city_and_refuses_nonsense(harness: Harness) -> None:
    assert await harness.text("ana", "profile set timezone paris") == (
        "Your time zone is now Europe/Paris."
    )
    refused = await harness.text("ana", "profile set timezone America/Toronot")
    assert "isn't a time zone I know. Did you mean America/Toronto?" in refused
    assert "Time zone: Europe/Paris" in await harness.text("ana", "profile")


async def test_an_abbreviation_or_fixed_offset_zone_gets_a_city_suggested(
    harness: Harness,
) -> None:
    await harness.text("ana", "profile set timezone Europe/Paris")
    for typed, city in (
        ("EST", "America/Toronto"),
        ("pst", "America/Vancouver"),
        ("Etc/GMT+5", ""),
    ):
        refused = await harness.text("ana", f"profile set timezone {typed}")
        assert "names an offset or an abbreviation, not a place" in refused, typed
        assert city in refused
    assert "Time zone: Europe/Paris" in await harness.text("ana", "profile")  # unchanged
    assert "Your time zone is now UTC." in await harness.text("ana", "profile set timezone UTC")


async def test_profile_set_department_suggests_existing_one(harness: Harness) -> None:
    assert await harness.text("ana", "profile set department Finance") == (
        "Your department is now Finance."
    )
    [reply] = await harness.say("ben", "profile set department Finanse")
    assert "Did you mean *Finance*?" in reply.text
    [done] = await harness.press("ben", reply.buttons[0])
    assert done.text == "Your department is now Finance."


async def test_profile_set_title_limits_and_usage(harness: Harness) -> None:
    assert "the limit is 120" in await harness.text("ana", "profile set title " + "x" * 121)
    assert "Usage: `profile set" in await harness.text("ana", "profile set colour blue")
    assert await harness.text("ana", "profile set title Data analyst") == (
        "Your title is now “Data analyst”."
    )


async def test_profile_changes_are_audited(harness: Harness) -> None:
    await harness.text("ana", "profile set title Analyst")
    async with harness.app.database.transaction() as session:
        entries = await AuditLog(session).recent(action="profile.title")
        assert len(entries) == 1


async def test_a_button_from_a_removed_skill_is_handled(harness: Harness) -> None:
    [reply] = await harness.say("ana", "expertise add kubernets")
    async with harness.app.database.transaction() as session:
        skill = (await session.scalars(select(Skill).where(Skill.name == "kubernetes"))).one()
        await session.delete(skill)
    [answer] = await harness.press("ana", reply.buttons[0])
    assert "no longer in the directory" in answer.text


async def test_direct_conversation_kind_is_kept(harness: Harness) -> None:
    [reply] = await harness.say("ana", "help")
    assert reply.to.kind is ConversationKind.DIRECT


async def test_first_contact_with_a_known_email_is_the_same_member(harness: Harness) -> None:
    # Imported from the directory (or met on another platform) before Ana used this one.
    harness.adapter.profiles["U1"] = PlatformProfile("Ana Lima", email="Ana.Lima@example.org")
    await harness.text("U1", "profile set title Accessibility lead")
    harness.adapter.profiles["W9"] = PlatformProfile("Ana L.", email="ana.lima@example.org")
    text = await harness.text("W9", "profile")
    assert "*Ana Lima*" in text
    assert "Accessibility lead" in text
    async with harness.app.database.transaction() as session:
        assert len((await session.scalars(select(Member))).all()) == 1
        identities = (await session.scalars(select(PlatformIdentity.user_id))).all()
    assert sorted(identities) == ["U1", "W9"]
