"""Members as people see them in a message: a mention they can click where the member is
known on the message's platform, their name elsewhere."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.contract.refs import MemberRef
from guildbot.contract.richtext import Mention
from guildbot.storage.repositories.members import MemberRepository


async def mention(session: AsyncSession, member_id: int, name: str, platform: str) -> Mention | str:
    """The member as a mention on `platform` (their first identity there), else their name."""
    identities = await MemberRepository(session).identities_of(member_id, platform)
    if not identities:
        return name
    identity = identities[0]
    return Mention(MemberRef(identity.platform, identity.workspace_id, identity.user_id), name)
