"""What goes out: Block Kit rendering, pacing, DMs, user lookups and failures."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from guildbot.adapters.slack import blocks
from guildbot.app.build import Guildbot
from guildbot.bot.i18n import translate_plain
from guildbot.bot.rich import say
from guildbot.contract.errors import ConfigError, DeliveryError, RecipientUnreachable
from guildbot.contract.outbound import Button, ButtonStyle, Confirmation, OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef
from guildbot.contract.richtext import ChannelLink, Instant, Link, Mention, RichText
from tests.adapters.fake_time import FakeTime
from tests.adapters.slack.mock_slack import TEAM, MockSlack
from tests.adapters.slack.rig import SlackRig, start_rig

SHORTENED = translate_plain("en", "adapters-slack-shortened")
CHANNEL = ConversationRef("slack", TEAM, "C1")


def ana() -> MemberRef:
    return MemberRef("slack", TEAM, "U1")


# -- rendering ------------------------------------------------------------------------------


def test_every_message_has_a_text_fallback_and_blocks() -> None:
    message = OutboundMessage(
        CHANNEL,
        say("*Show and tell* — Tue 3 Nov\n• Going: 3"),
        buttons=(
            Button("Going", "event.rsvp", "1|going", ButtonStyle.PRIMARY),
            Button("Maybe", "event.rsvp", "1|maybe"),
            Button(
                "Cancel it",
                "event.cancel",
                "1",
                ButtonStyle.DANGER,
                Confirmation("Cancel the event?", "People going are told.", "Cancel it", "Keep"),
            ),
        ),
        context=say("Times in your zone."),
    )
    text = blocks.fallback_text(message)
    assert text == "*Show and tell* — Tue 3 Nov\n• Going: 3\nTimes in your zone."
    rendered = blocks.message_blocks(message, SHORTENED)
    assert [b["type"] for b in rendered] == ["section", "context", "actions"]
    going, maybe, cancel = rendered[2]["elements"]
    assert going["style"] == "primary" and "style" not in maybe
    assert going["action_id"] != maybe["action_id"]  # Slack requires unique ids in a block
    assert blocks.action_id_of(going["action_id"]) == "event.rsvp"
    assert (going["value"], maybe["value"]) == ("1|going", "1|maybe")
    assert cancel["confirm"] == {
        "title": {"type": "plain_text", "text": "Cancel the event?"},
        "text": {"type": "mrkdwn", "text": "People going are told."},
        "confirm": {"type": "plain_text", "text": "Cancel it"},
        "deny": {"type": "plain_text", "text": "Keep"},
        "style": "danger",
    }


def test_mrkdwn_renders_mentions_links_and_dates_and_defuses_what_people_typed() -> None:
    assert blocks.mrkdwn(RichText.of("a < b & c > d")) == "a &lt; b &amp; c &gt; d"
    general = ConversationRef("slack", TEAM, "C1")
    typed = say(
        "in {channel} by {who} see {link}",
        channel=ChannelLink(general, "general"),
        who=Mention(MemberRef("slack", TEAM, "U2"), "Ana"),
        link=Link("https://x.org", "x"),
    )
    assert blocks.mrkdwn(typed) == "in <#C1> by <@U2> see <https://x.org|x>"
    # What people typed is shown, never a broadcast or someone else's mention.
    assert blocks.mrkdwn(RichText.of("“<!channel> hi” <@U9> &amp;")) == (
        "“&lt;!channel&gt; hi” &lt;@U9&gt; &amp;amp;"
    )
    at = datetime(2026, 12, 3, 19, tzinfo=UTC)
    when = blocks.mrkdwn(RichText.of(Instant(at, "Thu 3 Dec 2026, 14:00 America/Toronto")))
    assert when == (
        f"<!date^{int(at.timestamp())}^{{date_short_pretty}} at {{time}}"
        "|Thu 3 Dec 2026, 14:00 America/Toronto>"
    )


def test_long_texts_are_split_into_sections_within_slacks_limits() -> None:
    long_text = "\n".join(f"• line {n} " + "x" * 80 for n in range(200))
    rendered = blocks.message_blocks(OutboundMessage(CHANNEL, say(long_text)), SHORTENED)
    assert len(rendered) > 1
    assert all(len(b["text"]["text"]) <= blocks.MAX_SECTION_TEXT for b in rendered)
    assert "\n".join(b["text"]["text"] for b in rendered) == long_text
    many = tuple(Button(f"Option {n}", "pick", str(n)) for n in range(30))
    actions = [
        b
        for b in blocks.message_blocks(OutboundMessage(CHANNEL, say("Pick"), many), SHORTENED)
        if b["type"] == "actions"
    ]
    assert [len(a["elements"]) for a in actions] == [25, 5]


# -- sending --------------------------------------------------------------------------------


async def test_the_adapter_sends_at_once_pacing_is_the_outbox_s(
    slack: SlackRig, fake_time: FakeTime
) -> None:
    for n in range(3):
        await slack.adapter.send(OutboundMessage(CHANNEL, say(f"post {n}")))
    assert fake_time.sleeps == []  # one message a second per channel: see scheduler.delivery
    posts = slack.mock.calls_to("chat.postMessage")
    assert [p.args["text"] for p in posts] == ["post 0", "post 1", "post 2"]


async def test_thread_replies_and_message_ids(slack: SlackRig) -> None:
    sent = await slack.adapter.send(
        OutboundMessage(CHANNEL, say("in the thread"), thread_id="1700000000.000001")
    )
    post = slack.mock.calls_to("chat.postMessage")[-1]
    assert post.args["thread_ts"] == "1700000000.000001"
    assert sent.message_id.startswith("1700000000.")
    private = await slack.adapter.send(
        OutboundMessage(CHANNEL, say("only you"), ephemeral_to=ana())
    )
    ephemeral = slack.mock.calls_to("chat.postEphemeral")[-1]
    assert (ephemeral.args["user"], ephemeral.args["channel"]) == ("U1", "C1")
    assert private.message_id


async def test_direct_and_group_conversations_are_opened_with_conversations_open(
    slack: SlackRig,
) -> None:
    bo = MemberRef("slack", TEAM, "U2")
    direct = await slack.adapter.open_conversation([ana()])
    assert (direct.channel_id, direct.kind) == ("DU1", ConversationKind.DIRECT)
    group = await slack.adapter.open_conversation([ana(), bo])
    assert group.kind is ConversationKind.GROUP
    assert slack.mock.calls_to("conversations.open")[-1].args["users"] == "U1,U2"
    # A private message in the bot's own DM is an ordinary message: it survives a reload.
    await slack.adapter.send(OutboundMessage(direct, say("hello"), ephemeral_to=ana()))
    assert slack.mock.calls_to("chat.postMessage")[-1].args["channel"] == "DU1"
    with pytest.raises(RecipientUnreachable):
        await slack.adapter.open_conversation([MemberRef("slack", TEAM, f"U{n}") for n in range(9)])


async def test_user_lookups_are_cached_for_a_while(slack: SlackRig, fake_time: FakeTime) -> None:
    profile = await slack.adapter.lookup_user(MemberRef("slack", TEAM, "U2"))
    assert profile is not None
    assert (profile.display_name, profile.timezone, profile.email) == (
        "Bo Chen",
        "Europe/Paris",
        None,
    )
    await slack.adapter.lookup_user(MemberRef("slack", TEAM, "U2"))
    assert len(slack.mock.calls_to("users.info")) == 1
    fake_time.advance(601)
    await slack.adapter.lookup_user(MemberRef("slack", TEAM, "U2"))
    assert len(slack.mock.calls_to("users.info")) == 2


async def test_bots_deactivated_and_unknown_users_have_no_profile(slack: SlackRig) -> None:
    slack.mock.add_user("U8", "Old Account", deleted=True)
    slack.mock.add_user("U9", "Some Bot", is_bot=True)
    for user in ("U8", "U9", "U404"):
        assert await slack.adapter.lookup_user(MemberRef("slack", TEAM, user)) is None
    slack.mock.fail("users.info", status=500, times=2)
    assert await slack.adapter.lookup_user(MemberRef("slack", TEAM, "U1")) is None


@pytest.mark.parametrize("retry_after", [1, 120])
async def test_a_rate_limit_is_left_to_the_outbox(
    slack: SlackRig, fake_time: FakeTime, retry_after: int
) -> None:
    slack.mock.fail("chat.postMessage", status=429, retry_after=retry_after)
    with pytest.raises(DeliveryError) as raised:
        await slack.adapter.send(OutboundMessage(CHANNEL, say("later")))
    assert raised.value.retryable
    assert raised.value.retry_after == retry_after
    assert raised.value.code == "ratelimited"
    assert len(slack.mock.calls_to("chat.postMessage")) == 1  # not waited out in-line
    assert fake_time.sleeps == []


async def test_refusals_are_unreachable_or_final(slack: SlackRig) -> None:
    slack.mock.not_in.add("C9")
    with pytest.raises(RecipientUnreachable) as unreachable:
        await slack.adapter.send(OutboundMessage(ConversationRef("slack", TEAM, "C9"), say("x")))
    assert unreachable.value.code == "channel_not_found"
    slack.mock.fail("chat.postMessage", error="msg_too_long")
    with pytest.raises(DeliveryError) as final:
        await slack.adapter.send(OutboundMessage(CHANNEL, say("x")))
    assert not final.value.retryable and final.value.code == "msg_too_long"


async def test_blocks_slack_rejects_fall_back_to_the_text(slack: SlackRig) -> None:
    slack.mock.fail("chat.postMessage", error="invalid_blocks")
    sent = await slack.adapter.send(OutboundMessage(CHANNEL, say("plain still works")))
    first, second = slack.mock.calls_to("chat.postMessage")
    assert "blocks" in first.args and "blocks" not in second.args
    assert second.args["text"] == "plain still works"
    assert sent.message_id


async def test_a_bot_token_slack_refuses_stops_start_up(
    app: Guildbot, mock_slack: MockSlack
) -> None:
    with pytest.raises(ConfigError) as raised:
        await start_rig(app, mock_slack, bot_token="xoxb-invalid")
    assert raised.value.variable == "SLACK_BOT_TOKEN"
    assert "invalid_auth" in str(raised.value)
