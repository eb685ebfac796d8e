"""What the process counts for operators: commands by name (unknown ones under one label,
never the text), questions routed or not, and each app in a registry of its own."""

from __future__ import annotations

from guildbot.app.build import Guildbot
from guildbot.bot.metrics import UNKNOWN_COMMAND, Metrics
from tests.bot.features.questions.helpers import PDF_QUESTION, experts
from tests.fakes import PLATFORM, Harness


def commands(app: Guildbot) -> dict[str, float]:
    """guildbot_commands_total by command label (of the fake platform)."""
    found: dict[str, float] = {}
    for family in app.metrics.registry.collect():
        for sample in family.samples:
            if sample.name == "guildbot_commands_total":
                assert sample.labels["platform"] == PLATFORM
                found[sample.labels["command"]] = sample.value
    return found


async def test_commands_are_counted_by_name_and_unknown_ones_under_one_label(
    app: Guildbot, harness: Harness
) -> None:
    await harness.text("ana", "help")
    await harness.text("ana", "help")
    await harness.text("ana", "frobnicate the secret plan for Q3")
    await harness.text("ana", "zorglub 42")
    counted = commands(app)
    assert counted == {"help": 2, UNKNOWN_COMMAND: 2}
    exported = str(list(app.metrics.registry.collect()))
    assert "frobnicate" not in exported and "zorglub" not in exported


async def test_a_question_addressed_to_the_bot_counts_as_ask_and_as_routed(
    app: Guildbot, harness: Harness
) -> None:
    await experts(harness)
    before = commands(app)
    reply = await harness.text("amara", PDF_QUESTION.removeprefix("ask "))
    assert "I've asked 2 colleagues" in reply
    assert commands(app).get("ask", 0) == before.get("ask", 0) + 1
    registry = app.metrics.registry
    labels = {"platform": PLATFORM}
    assert registry.get_sample_value("guildbot_questions_routed_total", labels) == 1
    assert registry.get_sample_value("guildbot_questions_unrouted_total", labels) is None


async def test_a_question_nobody_can_answer_counts_as_unrouted(
    app: Guildbot, harness: Harness
) -> None:
    reply = await harness.text("amara", PDF_QUESTION)
    assert "I've asked" not in reply
    registry = app.metrics.registry
    labels = {"platform": PLATFORM}
    assert registry.get_sample_value("guildbot_questions_unrouted_total", labels) == 1
    assert registry.get_sample_value("guildbot_questions_routed_total", labels) is None


def test_each_metrics_has_a_registry_of_its_own() -> None:
    first, second = Metrics(), Metrics()
    first.command("help", {"help"}, "slack")
    assert first.registry is not second.registry
    labels = {"command": "help", "platform": "slack"}
    assert first.registry.get_sample_value("guildbot_commands_total", labels) == 1
    assert second.registry.get_sample_value("guildbot_commands_total", labels) is None


def test_outbox_depth_reports_every_status_and_kind_and_folds_unknown_kinds() -> None:
    metrics = Metrics()
    metrics.set_outbox_depth({("pending", "reminder"): 3, ("claimed", "from_the_future"): 2})
    value = metrics.registry.get_sample_value
    assert value("guildbot_outbox_rows", {"status": "pending", "kind": "reminder"}) == 3
    assert value("guildbot_outbox_rows", {"status": "claimed", "kind": "other"}) == 2
    assert value("guildbot_outbox_rows", {"status": "uncertain", "kind": "intro"}) == 0
    metrics.set_outbox_depth({})
    assert value("guildbot_outbox_rows", {"status": "pending", "kind": "reminder"}) == 0
    assert value("guildbot_outbox_rows", {"status": "claimed", "kind": "other"}) is None
