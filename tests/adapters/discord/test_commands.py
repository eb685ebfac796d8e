"""Each app command's callback, called with a mocked interaction, hands the core the right
neutral command line, defers the interaction and answers through its follow-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from discord import app_commands

from guildbot.adapters.discord.commands import OnLine, build_commands
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.features import COMMANDS, catalogue
from guildbot.bot.grammar import parse
from guildbot.contract.adapter import Replies
from guildbot.contract.inbound import CommandInvoked, InboundEvent
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationKind
from guildbot.contract.richtext import Bold, RichText
from tests.adapters.discord.mock_discord import MockDiscord
from tests.adapters.discord.rig import start_rig
from tests.replies import answer


@dataclass
class FakeResponse:
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)

    def is_done(self) -> bool:
        return bool(self.calls)

    async def send_message(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(("send_message", args, kwargs))
        return SimpleNamespace(message_id=123)

    async def defer(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("defer", args, kwargs))


@dataclass
class FakeFollowup:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)

    async def send(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((args, kwargs))
        return SimpleNamespace(id=124)


def fake_interaction(guild_id: int | None = 555) -> Any:
    return SimpleNamespace(
        id=777,
        user=SimpleNamespace(id=42, global_name="Ana Lima", name="ana", bot=False),
        locale="en-US",
        guild_locale=None,
        guild_id=guild_id,
        channel_id=99,
        channel=SimpleNamespace(type=SimpleNamespace(value=0 if guild_id else 1)),
        response=FakeResponse(),
        followup=FakeFollowup(),
    )


async def _nothing(_interaction: Any, _line: str) -> None:
    return None


def leaves(on_line: OnLine = _nothing) -> list[tuple[str, app_commands.Command[Any, ..., Any]]]:
    found = []
    for command in build_commands(catalogue(), on_line, CataloguePhrases()):
        if isinstance(command, app_commands.Group):
            found.extend((f"{command.name} {c.name}", c) for c in command.commands)  # type: ignore[misc]
        else:
            found.append((command.name, command))
    return found


@pytest.mark.parametrize("path", [p for p, _ in leaves()])
async def test_every_command_callback_becomes_its_command_line(
    path: str, mock_discord: MockDiscord
) -> None:
    events: list[InboundEvent] = []

    async def core(event: InboundEvent) -> Replies:
        events.append(event)
        done = RichText.of(Bold("Done:"), f" {path}")
        return answer(OutboundMessage(event.conversation, done, ephemeral_to=event.actor))

    rig = await start_rig(mock_discord, dispatch=core)  # the gateway is not needed
    adapter = rig.adapter
    command = dict(leaves(adapter.on_line))[path]
    options = {name: f"x{n}" for n, name in enumerate(p.name for p in command.parameters)}
    interaction = fake_interaction()
    await command.callback(interaction, **options)  # type: ignore[arg-type]
    await adapter.drain()
    await rig.close()

    [event] = events
    assert isinstance(event, CommandInvoked)
    expected = " ".join([*path.split(" "), *options.values()])
    assert event.text == expected.replace("guild x0", "x0")
    assert event.event_id == "interaction:777"
    assert (event.actor.platform, event.actor.user_id) == ("discord", "42")
    assert event.conversation.channel_id == "99"
    assert event.conversation.kind is ConversationKind.CHANNEL
    # Deferred at once ("thinking…", private), then answered by a follow-up.
    [(kind, _, kwargs)] = interaction.response.calls
    assert kind == "defer" and kwargs == {"ephemeral": True, "thinking": True}
    [(args, kwargs)] = interaction.followup.calls
    assert args == (f"**Done:** {path}",)
    assert kwargs["ephemeral"] is True  # private to the member in a channel
    word = path.split(" ", maxsplit=1)[0]
    if word != "guild":
        assert parse(event.text, COMMANDS).command == word  # type: ignore[union-attr]


def test_the_tree_mirrors_the_grammar() -> None:
    paths = {path for path, _ in leaves()}
    for group in ("coffee", "event", "announce"):
        assert {f"{group} {s.name}" for s in COMMANDS[group].subcommands} <= paths
    assert {"ask", "guild"} <= paths
    for _path, command in leaves():
        assert command.description and all(p.description for p in command.parameters)


async def test_a_reply_in_the_members_dm_is_an_ordinary_message(
    mock_discord: MockDiscord,
) -> None:
    async def core(event: InboundEvent) -> Replies:
        hi = RichText.of("hi")
        return answer(OutboundMessage(event.conversation, hi, ephemeral_to=event.actor))

    rig = await start_rig(mock_discord, dispatch=core)
    interaction = fake_interaction(guild_id=None)
    await rig.adapter.on_line(interaction, "help")
    await rig.adapter.drain()
    await rig.close()
    [(_kind, _args, deferral)] = interaction.response.calls
    [(_args, kwargs)] = interaction.followup.calls
    # Ephemeral messages vanish on reload, even in DMs.
    assert deferral["ephemeral"] is False and kwargs["ephemeral"] is False
