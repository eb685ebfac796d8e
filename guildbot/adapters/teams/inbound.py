"""Teams activities (their JSON, as Bot Framework sends it) to neutral values.

Pure functions over the activity's camelCase JSON, so the rules can be read and tested on
their own. Teams ids are long ("29:1Xh…", "a:1Fo…", "19:…@thread.tacv2"); the core keeps
ids of at most 64 characters, so members are known by their Entra object id (a GUID, the
same in every chat) and conversations by a short key (see `conversation_key`).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping
from typing import Any

from guildbot.contract.inbound import with_mention_tokens
from guildbot.contract.refs import ConversationKind, MemberRef
from guildbot.contract.text import without_control_characters

PLATFORM = "teams"
MAX_ID = 64  # the core's column width for user and channel ids

_AT = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{1,200}>")
_SAFE_ID = re.compile(r"^[A-Za-z0-9:@._\-]{1,64}$")
# Where a person's mention stands until it becomes a token (no Teams text contains it).
_PERSON = "\ue002"
_THREAD = re.compile(r"^(?P<base>[^;]+);messageid=(?P<thread>\d+)$")


def conversation_kind(conversation: Mapping[str, Any]) -> ConversationKind:
    """personal -> direct, groupChat -> group, channel (or a team) -> channel."""
    kind = str(conversation.get("conversationType") or "")
    if kind == "personal":
        return ConversationKind.DIRECT
    if kind == "groupChat":
        return ConversationKind.GROUP
    if kind == "channel":
        return ConversationKind.CHANNEL
    return ConversationKind.GROUP if conversation.get("isGroup") else ConversationKind.DIRECT


def split_thread(conversation_id: str) -> tuple[str, str | None]:
    """A channel thread's conversation id is the channel's plus ``;messageid=<root>``."""
    match = _THREAD.match(conversation_id)
    if match is None:
        return conversation_id, None
    return match.group("base"), match.group("thread")


def join_thread(conversation_id: str, thread_id: str | None) -> str:
    """The conversation id that posts into a channel thread (the inverse of `split_thread`)."""
    base, _ = split_thread(conversation_id)
    return f"{base};messageid={thread_id}" if thread_id else base


def conversation_key(conversation_id: str) -> str:
    """The short, stable id the core sees as `channel_id`: the Teams id when it fits, else
    a digest of it (personal chat ids run past 100 characters)."""
    base, _ = split_thread(conversation_id)
    if _SAFE_ID.match(base):
        return base
    return "k:" + hashlib.sha256(base.encode()).hexdigest()[:40]


def user_key(account: Mapping[str, Any]) -> str:
    """A person's id for the core: their Entra object id, else the Teams id if it fits."""
    aad = str(account.get("aadObjectId") or "").strip()
    if aad and len(aad) <= MAX_ID:
        return aad
    teams_id = str(account.get("id") or "")
    if _SAFE_ID.match(teams_id):
        return teams_id
    return "u:" + hashlib.sha256(teams_id.encode()).hexdigest()[:40]


def tenant_of(activity: Mapping[str, Any]) -> str:
    """The Microsoft 365 tenant: the workspace of every ref from this activity."""
    conversation = activity.get("conversation") or {}
    channel_data = activity.get("channelData") or {}
    tenant = (channel_data.get("tenant") or {}).get("id") if isinstance(channel_data, dict) else ""
    return str(conversation.get("tenantId") or tenant or "")[:MAX_ID]


def tenants_named(activity: Mapping[str, Any]) -> set[str]:
    """Every tenant the activity names: its conversation's ``tenantId`` and ``channelData``'s
    tenant (a tenant given in another shape is named as it is, so that it matches none)."""
    named: set[str] = set()
    conversation = activity.get("conversation")
    if isinstance(conversation, dict) and conversation.get("tenantId"):
        named.add(str(conversation["tenantId"]))
    channel_data = activity.get("channelData")
    tenant = channel_data.get("tenant") if isinstance(channel_data, dict) else None
    if isinstance(tenant, dict):
        if tenant.get("id"):
            named.add(str(tenant["id"]))
    elif tenant:
        named.add(repr(tenant))
    return named


def team_of(activity: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The team id and name of a channel activity (None outside a team)."""
    channel_data = activity.get("channelData") or {}
    team = channel_data.get("team") if isinstance(channel_data, dict) else None
    if not isinstance(team, dict) or not team.get("id"):
        return None, None
    return str(team["id"]), (str(team["name"]) if team.get("name") else None)


def mentions_of(activity: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The mention entities of a message."""
    entities = activity.get("entities") or []
    return [
        e
        for e in entities
        if isinstance(e, dict)
        and e.get("type") == "mention"
        and isinstance(e.get("mentioned"), dict)
    ]


def mentions_bot(activity: Mapping[str, Any]) -> bool:
    """True when the message @mentions the bot (its recipient)."""
    bot = str((activity.get("recipient") or {}).get("id") or "")
    return bool(bot) and any(m["mentioned"].get("id") == bot for m in mentions_of(activity))


def command_text(activity: Mapping[str, Any]) -> tuple[str, tuple[MemberRef, ...]]:
    """The message as a line for the grammar, and the members it mentions: the bot's own
    mention removed, people's mentions as mention tokens (``@Name`` when Teams did not say
    who), markup undone."""
    text = without_control_characters(str(activity.get("text") or ""))
    bot = str((activity.get("recipient") or {}).get("id") or "")
    tenant = tenant_of(activity)
    people: dict[str, MemberRef | None] = {}  # shown name -> member (None: the bot)
    for mention in mentions_of(activity):
        shown = str(mention.get("text") or "")
        inner = _AT.fullmatch(shown)
        name = html.unescape(inner.group(1)).strip() if inner else shown
        account = mention["mentioned"]
        if account.get("id") == bot:
            people.setdefault(name, None)
        elif account.get("aadObjectId"):
            people.setdefault(name, MemberRef(PLATFORM, tenant, user_key(account)))

    spans: list[tuple[int, int, MemberRef]] = []
    pieces: list[str] = []
    last = 0
    for match in _AT.finditer(text):
        name = html.unescape(match.group(1)).strip()
        pieces.append(text[last : match.start()])
        last = match.end()
        if name in people and people[name] is None:
            pieces.append(" ")  # the bot being addressed
            continue
        member = people.get(name)
        if member is None:
            pieces.append(" @" + re.sub(r"\s+", ".", name) + " ")
            continue
        start = sum(len(piece) for piece in pieces) + 1
        pieces.append(f" {_PERSON} ")
        spans.append((start, start + len(_PERSON), member))
    pieces.append(text[last:])
    tokenised, members = with_mention_tokens("".join(pieces), spans)
    # Teams sends HTML for formatted messages: line breaks matter, the rest is decoration.
    tokenised = re.sub(r"<br\s*/?>|</p>|</div>", "\n", tokenised, flags=re.IGNORECASE)
    tokenised = _TAG.sub("", tokenised)
    tokenised = html.unescape(tokenised).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in tokenised.split("\n")]
    return "\n".join(line for line in lines if line).strip(), members


def action_of(value: Any) -> tuple[str, str] | None:
    """A card button's (action id, value) from what it submitted; None if not one of ours."""
    if not isinstance(value, dict):
        return None
    action = value.get("guildbot")
    if not isinstance(action, str) or not action.strip() or len(action) > 255:
        return None
    raw = value.get("value", "")
    return action, raw if isinstance(raw, str) else ""


def is_from_person(activity: Mapping[str, Any]) -> bool:
    """A message a person wrote (not the bot's own echo, not another bot)."""
    sender = activity.get("from") or {}
    bot = (activity.get("recipient") or {}).get("id")
    if not isinstance(sender, dict) or not sender.get("id") or sender.get("id") == bot:
        return False
    return sender.get("role") != "bot"


def reference_json(reference: Mapping[str, Any], conversation_id: str) -> dict[str, Any]:
    """A conversation reference (its camelCase JSON) as stored: for the conversation itself,
    not a thread or a message, so later sends are new messages rather than replies."""
    data = dict(reference)
    data.pop("activityId", None)
    data.pop("requestId", None)
    conversation = dict(data.get("conversation") or {})
    conversation["id"] = conversation_id
    data["conversation"] = conversation
    return data
