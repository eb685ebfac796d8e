"""Teams activity JSON to neutral values: the pure rules of `inbound.py`."""

from __future__ import annotations

from guildbot.adapters.teams.inbound import (
    action_of,
    command_text,
    conversation_key,
    conversation_kind,
    is_from_person,
    join_thread,
    mentions_bot,
    split_thread,
    tenant_of,
    user_key,
)
from guildbot.contract.inbound import mention_token
from guildbot.contract.refs import ConversationKind, MemberRef
from tests.adapters.teams.rig import ANA, BO, TENANT, recorded

URL = "http://127.0.0.1:1/teams/"


def test_the_bots_mention_is_removed_and_other_people_become_core_mentions() -> None:
    activity = recorded("channel_mention", URL)
    assert mentions_bot(activity)
    assert command_text(activity) == (
        f"expertise add {mention_token(0)} kubernetes",
        (MemberRef("teams", TENANT, BO),),
    )


def test_a_mention_teams_did_not_resolve_becomes_a_name_handle() -> None:
    activity = recorded(
        "channel_mention", URL, text="<at>Guildbot</at> profile of <at>Dee Evans</at>"
    )
    assert command_text(activity) == ("profile of @Dee.Evans", ())


def test_html_formatting_is_undone_but_lines_are_kept() -> None:
    activity = recorded(
        "personal_message", URL, text="<p>event create&nbsp;Demo</p><p>tomorrow &amp; 15:00</p>"
    )
    assert command_text(activity) == ("event create Demo\ntomorrow & 15:00", ())


def test_conversations_have_short_stable_keys_and_threads() -> None:
    personal = recorded("personal_message", URL)
    key = conversation_key(personal["conversation"]["id"])
    assert key.startswith("k:") and len(key) <= 64
    assert key == conversation_key(personal["conversation"]["id"])
    channel = recorded("channel_mention", URL)["conversation"]["id"]
    base, thread = split_thread(channel)
    assert (base, thread) == ("19:general-accessibility@thread.tacv2", "1730556300000")
    assert conversation_key(channel) == base
    assert join_thread(base, thread) == channel
    assert join_thread(channel, None) == base


def test_kinds_people_and_tenant() -> None:
    personal = recorded("personal_message", URL)
    assert conversation_kind(personal["conversation"]) is ConversationKind.DIRECT
    assert conversation_kind({"conversationType": "groupChat"}) is ConversationKind.GROUP
    assert conversation_kind({"conversationType": "channel"}) is ConversationKind.CHANNEL
    assert user_key(personal["from"]) == ANA
    assert len(user_key({"id": "29:" + "x" * 100})) <= 64
    assert tenant_of(personal) == TENANT
    assert is_from_person(personal)
    assert not is_from_person({**personal, "from": personal["recipient"]})


def test_only_our_buttons_are_actions() -> None:
    assert action_of({"guildbot": "rsvp", "value": "going"}) == ("rsvp", "going")
    assert action_of({"guildbot": "rsvp"}) == ("rsvp", "")
    assert action_of({"verb": "other"}) is None
    assert action_of({"guildbot": "  "}) is None
    assert action_of("text") is None
