"""Communities and roles through the router: permissions, refusals and the audit log."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from guildbot.bot.features.communities.buttons import ACTION_ADD_MEMBER
from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.outbound import Button
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.storage.models import Community, Member, Membership, PlatformIdentity
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from tests.fakes import Harness


async def role_of(harness: Harness, user: str, slug: str) -> str | None:
    async with harness.app.database.transaction() as session:
        member_id = (
            await session.scalars(
                select(PlatformIdentity.member_id).where(PlatformIdentity.user_id == user)
            )
        ).one()
        community = await CommunityRepository(session).by_slug(slug)
        assert community is not None
        membership = await CommunityRepository(session).membership(community.id, member_id)
        return None if membership is None else membership.role


async def make_org_admin(harness: Harness, user: str) -> None:
    await harness.text(user, "profile")
    async with harness.app.database.transaction() as session:
        member_id = (
            await session.scalars(
                select(PlatformIdentity.member_id).where(PlatformIdentity.user_id == user)
            )
        ).one()
        member = await session.get(Member, member_id)
        assert member is not None
        member.is_admin = True


async def test_create_join_list_info_leave(harness: Harness) -> None:
    created = await harness.text("ana", "community create Plain Language -- Clear writing")
    assert created.startswith("Created *Plain Language* (plain-language). You are its admin.")
    assert await harness.text("ben", "community join plain language") == (
        "Welcome to *Plain Language*!"
    )
    assert "already in" in await harness.text("ben", "community join plain-language")
    listing = await harness.text("ben", "community list")
    assert "• Plain Language (plain-language): 2 members — you're member" in listing
    info = await harness.text("ben", "community info plain-language")
    assert "Clear writing" in info
    assert "Facilitators: Ana" in info
    assert await harness.text("ben", "community leave plain-language") == (
        "You've left Plain Language."
    )
    assert await role_of(harness, "ben", "plain-language") is None


async def test_duplicate_community_is_refused(harness: Harness) -> None:
    await harness.text("ana", "community create Data Science")
    text = await harness.text("ben", "community create data science")
    assert "already a community Data Science (data-science)" in text


async def test_names_are_unique_whatever_their_case_accents_or_slug(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility CoP")
    async with harness.app.database.transaction() as session:
        # A community whose slug differs from its name's (as the demo's seed makes them).
        community = await CommunityRepository(session).by_slug("accessibility-cop")
        assert community is not None
        community.slug = "accessibility"
    for typed in (
        "Accessibility CoP",
        "accessibility cop",
        "ÀCCESSÎBILITY CÖP",
        "Accessibility-CoP",
    ):
        text = await harness.text("ben", f"community create {typed}")
        assert "already a community Accessibility CoP (accessibility)" in text, typed
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count(Community.id))) == 1


async def test_names_in_any_script_make_communities_with_slugs_people_can_type(
    harness: Harness,
) -> None:
    for name, slug in (
        ("Доступность", "доступность"),
        ("日本語コミュニティ", "日本語コミュニティ"),
        ("مجتمع الوصول", "مجتمع-الوصول"),
        ("Réseau d'accessibilité", "reseau-d-accessibilite"),
    ):
        created = await harness.text("ana", f"community create {name}")
        assert f"({slug})" in created, created
        assert "Welcome" in await harness.text("ben", f"community join {slug}")
        assert "already" in await harness.text("ben", f"community join {name}")
    assert "already a community Réseau d'accessibilité" in await harness.text(
        "cleo", "community create Reseau d'Accessibilite"
    )


async def test_unknown_community_suggests_the_closest(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    text = await harness.text("ben", "community join accesibility")
    assert "couldn't find a community called “accesibility”" in text
    assert "Did you mean Accessibility (accessibility)?" in text


async def test_last_admin_cannot_leave(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    text = await harness.text("ana", "community leave accessibility")
    assert "only admin" in text
    assert await role_of(harness, "ana", "accessibility") == "admin"


async def test_created_in_a_channel_links_the_channel_and_is_public(harness: Harness) -> None:
    [reply] = await harness.say("ana", "community create Accessibility", where=harness.channel)
    assert reply.ephemeral_to is None
    assert "This channel is now its channel." in reply.text
    # Role commands in that channel default to its community.
    await harness.text("ben", "community join accessibility")
    granted = await harness.text("ana", "role grant @Ben facilitator", where=harness.channel)
    assert granted == "Ben is now facilitator of Accessibility."


async def test_member_cannot_grant_roles_and_the_refusal_is_audited(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    await harness.text("ben", "community join accessibility")
    await harness.text("cleo", "community join accessibility")
    refused = await harness.text("ben", "role grant @Cleo facilitator accessibility")
    assert refused == "Only Accessibility's facilitators and admins can do that."
    assert await role_of(harness, "cleo", "accessibility") == "member"
    async with harness.app.database.transaction() as session:
        entries = await AuditLog(session).recent(action="role.grant.refused")
        assert len(entries) == 1
        assert entries[0].details == {"role": "facilitator"}


async def test_facilitator_grants_facilitator_but_not_admin(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    await harness.text("cleo", "profile")
    await harness.text("ben", "community join accessibility")
    await harness.text("ana", "role grant @Ben facilitator accessibility")
    # Cleo is not in it: asked first, added when pressed.
    [ask] = await harness.say("ben", "role grant @Cleo facilitator accessibility")
    assert "Cleo isn't in Accessibility yet. Add them as facilitator?" in ask.text
    assert await role_of(harness, "cleo", "accessibility") is None
    [added] = await harness.press("ben", ask.buttons[0])
    assert added.text == "Cleo is now facilitator of Accessibility."
    refused = await harness.text("ben", "role grant @Cleo admin accessibility")
    assert "only admins can make admins" in refused
    assert await role_of(harness, "cleo", "accessibility") == "facilitator"


async def test_org_admin_may_manage_any_community(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    await make_org_admin(harness, "dee")
    await harness.text("ben", "profile")
    [ask] = await harness.say("dee", "role grant @Ben admin accessibility")
    [added] = await harness.press("dee", ask.buttons[0])
    assert added.text == "Ben is now admin of Accessibility."


async def test_revoke_returns_to_member_and_keeps_one_admin(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    await harness.text("ben", "community join accessibility")
    await harness.text("ana", "role grant @Ben facilitator accessibility")
    assert await harness.text("ana", "role revoke @Ben facilitator accessibility") == (
        "Ben is no longer facilitator of Accessibility."
    )
    assert await role_of(harness, "ben", "accessibility") == "member"
    text = await harness.text("ana", "role revoke @Ana admin accessibility")
    assert text == "Accessibility needs at least one admin."
    assert await role_of(harness, "ana", "accessibility") == "admin"


async def test_role_usage_errors(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    assert "Usage: `role grant" in await harness.text("ana", "role grant @Ben wizard")
    assert "Usage: `role grant" in await harness.text("ana", "role grant admin")
    no_community = await harness.text("ana", "role grant @Ben facilitator")
    assert "Name the community" in no_community
    assert "Everyone in a community is a member" in await harness.text(
        "ana", "role revoke @Ben member accessibility"
    )


async def test_role_grant_to_unknown_member_changes_nothing(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    text = await harness.text("ana", "role grant @nobody.here facilitator accessibility")
    assert "couldn't find a member" in text
    async with harness.app.database.transaction() as session:
        assert len((await session.scalars(select(Membership))).all()) == 1


async def test_welcome_is_off_until_facilitators_turn_it_on(harness: Harness) -> None:
    await harness.say(
        "ana", "community create Accessibility -- WCAG and plain language", where=harness.channel
    )
    assert await harness.joins("U-new", harness.channel) == []
    harness.adapter.profiles["U-new"] = PlatformProfile("Sam Roy")
    on = await harness.text("ana", "community welcome accessibility on")
    assert on.startswith("People who join Accessibility's channel will see:")
    [welcome] = await harness.joins("U-new", harness.channel)
    assert welcome.ephemeral_to is None  # said in the channel, to everyone
    assert welcome.to == harness.channel
    assert welcome.text.startswith(
        "👋 Welcome to *Accessibility*, Sam Roy! WCAG and plain language"
    )
    assert "`coffee join accessibility`" in welcome.text
    # Joining is not talking to the bot: nothing is stored about the newcomer.
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count(Member.id))) == 1

    await harness.text("ana", "community welcome accessibility -- Hello! Read the pinned notes.")
    [custom] = await harness.joins("U-new", harness.channel)
    assert custom.text == "👋 Welcome to *Accessibility*, Sam Roy! Hello! Read the pinned notes."
    await harness.text("ana", "community welcome accessibility off")
    assert await harness.joins("U-new", harness.channel) == []
    # A channel that belongs to no community never greets.
    other = ConversationRef("fake", "T1", "C-random", None, ConversationKind.CHANNEL)
    assert await harness.joins("U-new", other) == []


async def test_members_cannot_change_the_welcome_or_link_and_refusals_are_audited(
    harness: Harness,
) -> None:
    await harness.text("ana", "community create Accessibility")
    await harness.text("ben", "community join accessibility")
    refused = await harness.text("ben", "community welcome accessibility on")
    assert refused == "Only Accessibility's facilitators and admins can do that."
    other = ConversationRef("fake", "T1", "C-random", None, ConversationKind.CHANNEL)
    refused = await harness.text("ben", "community link accessibility", where=other)
    assert refused == "Only Accessibility's facilitators and admins can do that."
    async with harness.app.database.transaction() as session:
        log = AuditLog(session)
        assert len(await log.recent(action="community.welcome.refused")) == 1
        assert len(await log.recent(action="community.link.refused")) == 1
        community = await session.scalar(select(Community))
    assert community is not None
    assert community.welcome_text is None
    assert "usage" in (await harness.text("ana", "community welcome accessibility")).lower()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=600))
async def test_any_welcome_text_gets_one_polite_answer(harness: Harness, text: str) -> None:
    # The harness lives across examples: start each from a community with no welcome.
    await harness.say("ana", "community create Accessibility", where=harness.channel)
    await harness.say("ana", "community welcome accessibility off")
    replies = await harness.say("ana", f"community welcome accessibility -- {text}")
    assert len(replies) == 1
    assert not replies[0].text.startswith("Sorry, something went wrong")
    greeting = await harness.joins("U-new", harness.channel)
    if replies[0].text.startswith("People who join"):
        assert len(greeting) == 1  # what was accepted is what newcomers see
    else:
        assert greeting == []  # refused: nothing changed


async def test_a_facilitator_cannot_add_an_admin_by_pressing_an_old_button(
    harness: Harness,
) -> None:
    await harness.text("ana", "community create Accessibility")
    await harness.text("cleo", "profile")
    [ask] = await harness.say("ana", "role grant @Cleo admin accessibility")
    await harness.text("ben", "community join accessibility")
    refused = await harness.press("ben", ask.buttons[0])  # someone else presses it
    assert "only admins can make admins" in refused[0].text
    assert await role_of(harness, "cleo", "accessibility") is None
    for value in ("", "1", "1:2", "1:2:owner", "x:y:admin", "9" * 30 + ":1:admin"):
        [expired] = await harness.press("ana", Button("x", ACTION_ADD_MEMBER, value))
        assert "expired" in expired.text


async def test_rename_keeps_the_slug_and_refuses_a_taken_name(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    await harness.text("ana", "community create Plain Language")
    await harness.text("ben", "community join accessibility")
    refused = await harness.text("ben", "community rename accessibility -- A11y Network")
    assert refused == "Only Accessibility's facilitators and admins can do that."
    taken = await harness.text("ana", "community rename accessibility -- plain language")
    assert "already a community Plain Language" in taken
    done = await harness.text("ana", "community rename accessibility -- Accessibility Network")
    assert "Renamed Accessibility to Accessibility Network" in done
    assert "short name stays accessibility" in done
    assert "Accessibility Network" in await harness.text("ben", "community info accessibility")
    assert "Usage" in await harness.text("ana", "community rename accessibility")


async def test_remove_takes_a_member_out_but_never_the_last_admin_or_oneself(
    harness: Harness,
) -> None:
    await harness.text("ana", "community create Accessibility")
    for user in ("ben", "cleo"):
        await harness.text(user, "community join accessibility")
    await harness.text("ana", "role grant @Ben facilitator accessibility")
    assert await harness.text("ben", "community remove @Cleo accessibility") == (
        "Removed Cleo from Accessibility."
    )
    assert await role_of(harness, "cleo", "accessibility") is None
    assert "nothing to remove" in await harness.text("ben", "community remove @Cleo accessibility")
    refused = await harness.text("ben", "community remove @Ana accessibility")
    assert "only admins" in refused  # a facilitator does not remove an admin
    assert "community leave" in await harness.text("ana", "community remove @Ana accessibility")
    assert await role_of(harness, "ana", "accessibility") == "admin"
    async with harness.app.database.transaction() as session:
        [entry] = await AuditLog(session).recent(action="community.remove")
        assert entry.details["role"] == "member"


async def test_an_archived_community_is_kept_but_no_longer_active(harness: Harness) -> None:
    await harness.say("ana", "community create Accessibility", where=harness.channel)
    await harness.text("ben", "community join accessibility")
    await harness.text("ana", "role grant @Ben facilitator accessibility")
    refused = await harness.text("ben", "community archive accessibility")
    assert "only admins" in refused  # a facilitator does not archive
    done = await harness.text("ana", "community archive accessibility")
    assert "Archived Accessibility: it's kept as it was" in done
    assert "Accessibility" not in await harness.text("cleo", "community list")
    assert "is archived" in await harness.text("cleo", "community join accessibility")
    planned = await harness.text("ana", "event create Clinic tomorrow 10:00", where=harness.channel)
    assert "is archived, so no new events can be planned" in planned
    assert await role_of(harness, "ben", "accessibility") == "facilitator"  # kept as it was
    assert "nothing changed" in await harness.text("ana", "community archive accessibility")
    back = await harness.text("ana", "community unarchive accessibility")
    assert "Accessibility is active again" in back
    assert "Welcome" in await harness.text("cleo", "community join accessibility")
