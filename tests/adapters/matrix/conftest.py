"""Fixtures for the Matrix adapter's tests: one real Synapse for the whole session, and people
on it (mautrix clients, end-to-end encrypted unless a test says otherwise)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest

from tests.adapters.matrix.members import Member
from tests.adapters.matrix.synapse import Synapse, running_synapse

MemberFactory = Callable[..., Awaitable[Member]]


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synapse]:
    """Synapse on 127.0.0.1, rate limits out of the way. Missing Synapse fails the tests
    (naming the make target) rather than skipping them: CI must run them."""
    with running_synapse(tmp_path_factory.mktemp("synapse")) as server:
        yield server


@pytest.fixture
async def member(synapse: Synapse) -> AsyncIterator[MemberFactory]:
    """`await member("alice")`: a newly registered, started person (`encryption=False` for a
    client without it); a second "alice" in the session is alice-2. Stopped after the test."""
    started: list[Member] = []

    async def make(name: str, *, encryption: bool = True) -> Member:
        account = await synapse.register(synapse.fresh_localpart(name))
        person = Member(account, encryption=encryption)
        await person.start()
        started.append(person)
        return person

    yield make
    for person in reversed(started):
        await person.stop()
