"""Members can see, export and erase what Guildbot holds about them."""

import json

from sqlalchemy import func, select

from guildbot.storage.models import (
    AuditEntry,
    CoffeeParticipant,
    EventRsvp,
    Member,
    Membership,
    MemberSkill,
    PlatformContact,
    PlatformIdentity,
    Question,
    StoredConversation,
)
from tests.bot.features.calendar.helpers import create_event, setup_community
from tests.fakes import Harness


async def test_show_and_export_cover_everything_held(harness: Harness) -> None:
    await harness.text("ana", "profile set title Analyst")
    await harness.text("ana", "expertise add python")
    await harness.text("ana", "community create Data Science")
    summary = await harness.text("ana", "privacy")
    assert "Expertise: 1 skill" in summary and "1 skills" not in summary
    assert "Communities: 1" in summary
    export = await harness.text("ana", "privacy export")
    data = json.loads(export.split("```\n", 1)[1].rsplit("\n```", 1)[0])
    assert data["profile"]["title"] == "Analyst"
    assert data["expertise"][0]["skill"] == "python"
    assert data["communities"] == [
        {"slug": "data-science", "name": "Data Science", "role": "admin"}
    ]
    assert data["platform_identities"] == [
        {"platform": "fake", "workspace": "T1", "user_id": "ana"}
    ]
    assert {a["action"] for a in data["actions"]} >= {"profile.title", "expertise.add"}


async def test_erase_asks_first_then_deletes_everything_personal(harness: Harness) -> None:
    await harness.text("ana", "expertise add python")
    await harness.text("ana", "community create Data Science")
    [ask] = await harness.say("ana", "privacy erase")
    erase = ask.buttons[0]
    assert erase.confirm is not None  # a destructive action is confirmed
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count(Member.id))) == 1  # nothing yet
    [done] = await harness.press("ana", erase)
    assert done.text.startswith("Done: your data is erased.")
    async with harness.app.database.transaction() as session:
        for model in (Member, PlatformIdentity, MemberSkill, Membership):
            assert await session.scalar(select(func.count(model.id))) == 0
        erasures = (
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.erase"))
        ).all()
        assert len(erasures) == 1


async def test_an_erased_members_id_is_never_reused(harness: Harness) -> None:
    await harness.text("ana", "expertise add python")
    [ask] = await harness.say("ana", "privacy erase")
    await harness.press("ana", ask.buttons[0])
    await harness.text("ben", "profile")
    export = await harness.text("ben", "privacy export")
    data = json.loads(export.split("```\n", 1)[1].rsplit("\n```", 1)[0])
    assert data["actions"] == []  # none of Ana's history becomes Ben's


async def test_someone_elses_erase_button_erases_nothing(harness: Harness) -> None:
    [ask] = await harness.say("ana", "privacy erase")
    [answer] = await harness.press("ben", ask.buttons[0])
    assert "nothing was erased" in answer.text
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count(Member.id))) == 2


async def test_export_and_erase_cover_questions_rsvps_and_coffee(harness: Harness) -> None:
    await setup_community(harness, "ben")
    event = await create_event(harness, "Show and tell next Thursday 14:00 for 1h")
    await harness.text("ana", "coffee setup accessibility weekly on monday at 10:00")
    assert "going" in (await harness.text("ben", f"event rsvp {event} going")).lower()
    await harness.text("ben", "coffee join accessibility")
    await harness.text("ben", "ask How do I tag a scanned PDF for screen readers?")

    export = await harness.text("ben", "privacy export")
    data = json.loads(export.split("```\n", 1)[1].rsplit("\n```", 1)[0])
    [question] = data["questions_asked"]
    assert question["text"] == "How do I tag a scanned PDF for screen readers?"
    [rsvp] = data["event_rsvps"]
    assert (rsvp["event"], rsvp["answer"]) == ("Show and tell", "going")
    assert [p["community"] for p in data["coffee"]["programs"]] == ["accessibility"]
    summary = await harness.text("ben", "privacy")
    assert "Questions you asked: 1" in summary
    assert "Event RSVPs: 1" in summary

    [ask] = await harness.say("ben", "privacy erase")
    await harness.press("ben", ask.buttons[0])
    async with harness.app.database.transaction() as session:
        for model in (Question, EventRsvp, CoffeeParticipant):
            assert await session.scalar(select(func.count(model.id))) == 0


async def test_erasure_removes_the_member_from_the_routing_index_at_once(
    harness: Harness,
) -> None:
    await harness.text("ben", "expertise add accessibility")
    questions = harness.app.questions
    assert questions is not None
    async with harness.app.database.transaction() as session:
        index = await questions.routing.current(session, harness.app.clock.now())
        ben = await session.scalar(select(Member.id))
    assert ben is not None
    assert ben in index.members()
    [ask] = await harness.say("ben", "privacy erase")
    await harness.press("ben", ask.buttons[0])
    assert ben not in questions.routing.index.members()


async def test_erase_also_forgets_what_platforms_told_about_the_account(
    harness: Harness,
) -> None:
    await harness.text("ana", "profile")
    await harness.text("ben", "profile")
    now = harness.app.clock.now()
    async with harness.app.database.transaction() as session:
        for user in ("ana", "ben"):
            session.add(
                PlatformContact(
                    platform="fake",
                    workspace_id="T1",
                    user_id=user,
                    platform_user_id=f"29:{user}",
                    display_name=user.title(),
                    principal_name=f"{user}@example.org",
                    updated_at=now,
                )
            )
            session.add(
                StoredConversation(
                    platform="fake",
                    workspace_id="T1",
                    conversation_key=f"d-{user}",
                    kind="direct",
                    user_id=user,
                    reference={"conversation": {"id": f"a:{user}"}},
                    created_at=now,
                    updated_at=now,
                )
            )
    export = await harness.text("ana", "privacy export")
    data = json.loads(export.split("```\n", 1)[1].rsplit("\n```", 1)[0])
    assert [c["sign_in_name"] for c in data["platform_contact_details"]] == ["ana@example.org"]
    [ask] = await harness.say("ana", "privacy erase")
    await harness.press("ana", ask.buttons[0])
    async with harness.app.database.transaction() as session:
        assert (await session.scalars(select(PlatformContact.user_id))).all() == ["ben"]
        assert (await session.scalars(select(StoredConversation.user_id))).all() == ["ben"]


async def test_the_only_admin_of_a_community_with_others_hands_over_before_erasing(
    harness: Harness,
) -> None:
    await harness.text("ana", "community create Data Science")
    await harness.text("ben", "community join data-science")
    [refused] = await harness.say("ana", "privacy erase")
    assert "You're the only admin of Data Science, and others are in it" in refused.text
    assert "role grant @member admin data-science" in refused.text
    assert refused.buttons == ()
    await harness.text("ana", "role grant @ben admin data-science")
    [ask] = await harness.say("ana", "privacy erase")
    # Ben steps down before Ana presses: the press checks again.
    assert "no longer" in (await harness.text("ben", "role revoke @ben admin data-science")).lower()
    [again] = await harness.press("ana", ask.buttons[0])
    assert "You're the only admin of Data Science" in again.text
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count(Member.id))) == 2  # nobody erased


async def test_privacy_says_how_long_each_kind_is_kept(harness: Harness) -> None:
    text = await harness.text("ana", "privacy")
    assert "Kept for: messages the bot sent 30 days; closed questions 730 days" in text
    assert "the audit log 2,555 days (unless a legal hold keeps it longer)" in text
