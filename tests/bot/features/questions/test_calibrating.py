"""The ranking refits on the deployment's own resolved questions, live: a batch of
resolutions in one topic, the hourly housekeeping refits, every process ranks with the new
model, and `routing status` says which model is in use."""

from __future__ import annotations

import argparse
from datetime import timedelta

import pytest
from sqlalchemy import select

from guildbot.app import routing_cli
from guildbot.app.build import build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.matching.experts import FEATURES
from guildbot.storage.models import Question, RoutingModelRow
from tests.bot.features.questions.helpers import experts
from tests.fakes import Harness

KUBERNETES = (
    "How do I roll back a failed Helm release on our Kubernetes cluster?",
    "Our Kubernetes pods restart in a loop after the Helm upgrade, where do I look?",
    "Which Helm chart values set Kubernetes resource limits for a deployment?",
)
PDF = "How do I tag the headings of a PDF so that screen readers announce them?"


async def resolve(harness: Harness, asker: str, text: str, resolver: str) -> None:
    await harness.text(asker, f"ask {text}")
    async with harness.app.database.transaction() as session:
        newest = await session.scalar(select(Question.id).order_by(Question.id.desc()).limit(1))
    assert "resolved by" in await harness.text(asker, f"ask close {newest} @{resolver}")


def position(listing: str, name: str) -> int:
    """Where `name` appears in a ranking's text (past the end when absent)."""
    at = listing.find(name)
    return at if at >= 0 else len(listing) + 1


async def status_lines(harness: Harness, capsys: pytest.CaptureFixture[str]) -> str:
    args = argparse.Namespace(routing_command="status")
    assert await routing_cli.run(harness.app, args) == 0
    return capsys.readouterr().out


async def test_a_batch_of_resolutions_refits_and_the_resolver_ranks_first(
    harness: Harness, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    await experts(harness)  # Omar and Kim declared kubernetes; Rahul only accessibility
    before = await harness.text("bob", "expertise who kubernetes helm release")
    assert position(before, "Omar") < position(before, "Rahul")
    assert "prior weights" in await status_lines(harness, capsys)

    # Rahul turns out to be the one who answers Helm questions, week after week; Lea keeps
    # answering the PDF ones.
    for day in range(30):
        asker = ("amara", "bob")[day % 2]
        await resolve(harness, asker, KUBERNETES[day % len(KUBERNETES)], "rahul")
        await resolve(harness, asker, PDF, "lea")
        clock.advance(timedelta(days=1))

    await harness.app.housekeeping()
    status = await status_lines(harness, capsys)
    assert "ranking model: fitted on" in status
    assert "resolved questions in the history: 60" in status
    assert "refit is due" not in status
    assert await harness.count(RoutingModelRow) == 1

    after = await harness.text("bob", "expertise who kubernetes helm release")
    assert position(after, "Rahul") < position(after, "Omar")
    assert position(after, "Rahul") < position(after, "Kim")
    pdf = await harness.text("bob", "expertise who pdf headings screen readers")
    assert position(pdf, "Lea") < position(pdf, "Rahul")
    assert harness.app.questions is not None
    assert harness.app.questions.routing.index.model.source == "fitted"  # what ranked them

    # Nothing new: the next housekeeping stores nothing.
    clock.advance(timedelta(hours=1))
    await harness.app.housekeeping()
    assert await harness.count(RoutingModelRow) == 1


async def test_another_process_ranks_with_the_model_one_process_fitted(
    harness: Harness, clock: ManualClock, database_url: str
) -> None:
    await experts(harness)
    for day in range(24):
        await resolve(harness, ("amara", "bob")[day % 2], KUBERNETES[day % 3], "rahul")
        clock.advance(timedelta(days=1))
    other = await build(Settings(database_url=database_url), clock=clock)
    try:
        calibration = await harness.app.questions.calibrator.refit_if_due()  # type: ignore[union-attr]
        assert calibration is not None and calibration.model.source == "fitted"
        assert other.questions is not None
        async with other.database.transaction() as session:
            index = await other.questions.routing.current(session, clock.now())
        assert index.model.source == "fitted"
        assert index.model.weights == calibration.model.weights
        # The other process, seeing the model is fresh, does not fit again.
        assert await other.questions.calibrator.refit_if_due() is None
    finally:
        await other.close()


async def test_too_few_resolutions_keep_the_prior_and_say_so(
    harness: Harness, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    await experts(harness)
    for day in range(4):
        await resolve(harness, "amara", KUBERNETES[day % 3], "rahul")
        clock.advance(timedelta(days=1))
    args = argparse.Namespace(routing_command="refit")
    assert await routing_cli.run(harness.app, args) == 0
    out = capsys.readouterr().out
    assert "prior:" in out and "needed to fit" in out
    assert "prior weights (too few resolved questions to fit" in out


async def test_an_unreadable_stored_model_keeps_routing_on_the_one_in_use(
    harness: Harness, clock: ManualClock
) -> None:
    await experts(harness)
    async with harness.app.database.transaction() as session:
        session.add(
            RoutingModelRow(
                source="fitted",
                examples=1,
                history=1,
                model={"weights": {FEATURES[0]: "not a number"}},
                reason="damaged",
                created_at=clock.now(),
            )
        )
    reply = await harness.text("bob", "expertise who kubernetes")
    assert "Omar" in reply
