"""The past `guildbot demo --dashboard` seeds: before the demo's clock, the same every run,
and, as time passes, answers to coffee follow-ups from the background colleagues only."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from guildbot.adapters.console import PLATFORM as CONSOLE
from guildbot.adapters.console import WORKSPACE as CONSOLE_WORKSPACE
from guildbot.app.build import Guildbot, build
from guildbot.app.cli import DEMO_START
from guildbot.app.demo.background_answers import BackgroundAnswers
from guildbot.app.demo.dashboard_history import HistorySummary, seed_dashboard_history
from guildbot.app.demo.seed import seed_demo
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeRound,
    CoffeeRoundStatus,
    EventRsvp,
    ExpertiseEvidence,
    Invitation,
    Member,
    Question,
)


async def demo(path: Path) -> tuple[Guildbot, ManualClock, HistorySummary]:
    clock = ManualClock(DEMO_START)
    app = await build(Settings(database_url=f"sqlite:///{path}"), clock=clock)
    await seed_demo(app.database, clock, CONSOLE, CONSOLE_WORKSPACE)
    return app, clock, await seed_dashboard_history(app.database, clock, CONSOLE, CONSOLE_WORKSPACE)


async def groups(app: Guildbot) -> list[tuple[str, str, str | None]]:
    """Every coffee group member: the round's date, their name, their answer."""
    async with app.database.transaction() as session:
        rows = await session.execute(
            select(CoffeeRound.local_date, Member.display_name, CoffeeGroupMember.response)
            .join(CoffeeGroup, CoffeeGroup.round_id == CoffeeRound.id)
            .join(CoffeeGroupMember, CoffeeGroupMember.group_id == CoffeeGroup.id)
            .join(Member, Member.id == CoffeeGroupMember.member_id)
            .order_by(CoffeeGroup.id, CoffeeGroupMember.id)
        )
        return [(day, name, response) for day, name, response in rows.all()]


async def test_the_past_ends_before_the_demo_begins(tmp_path: Path) -> None:
    app, _clock, history = await demo(tmp_path / "demo.db")
    try:
        assert history.members >= 100 and history.rounds >= 20 and history.questions >= 100
        async with app.database.transaction() as session:
            latest: list[datetime | None] = [
                await session.scalar(select(func.max(column)))
                for column in (
                    Question.created_at,
                    Question.closed_at,
                    Invitation.answered_at,
                    EventRsvp.responded_at,
                    ExpertiseEvidence.at,
                    CoffeeGroupMember.responded_at,
                )
            ]
            held = await session.scalar(
                select(func.max(CoffeeRound.occurrence_at)).where(
                    CoffeeRound.status == CoffeeRoundStatus.INTRODUCED.value
                )
            )
        for instant in [*latest, held]:
            assert instant is not None and instant.replace(tzinfo=DEMO_START.tzinfo) <= DEMO_START
    finally:
        await app.close()


async def test_every_run_seeds_the_same_past(tmp_path: Path) -> None:
    first, _, one = await demo(tmp_path / "one.db")
    second, _, other = await demo(tmp_path / "other.db")
    try:
        assert one == other
        assert await groups(first) == await groups(second)
    finally:
        await first.close()
        await second.close()


async def test_colleagues_answer_their_follow_ups_as_time_passes(tmp_path: Path) -> None:
    app, clock, history = await demo(tmp_path / "demo.db")
    try:
        answers = BackgroundAnswers(app.database, clock, history.program_id, history.colleagues)
        before = await groups(app)
        await answers()  # the last round's follow-up is not asked yet: nobody answers it
        assert await groups(app) == before
        clock.advance(timedelta(days=4))
        await answers()
        after = await groups(app)
        changed = [(new, old) for new, old in zip(after, before, strict=True) if new != old]
        assert len(changed) >= 10
        async with app.database.transaction() as session:
            colleagues = set(
                (
                    await session.scalars(
                        select(Member.display_name).where(Member.id.in_(history.colleagues))
                    )
                ).all()
            )
        assert all(new[1] in colleagues and old[2] is None for new, old in changed)
    finally:
        await app.close()
