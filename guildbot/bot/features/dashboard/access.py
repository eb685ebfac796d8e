"""Signing in to the dashboard without a password: a link sent privately in chat, valid once
for 15 minutes and bound to the member it was sent to, opens a session cookie that lasts 8
hours. Both are signed with the deployment's secret (`signing`); only a digest of the link's
random part is stored. Every sign-in is audited; a refused link writes nothing."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from guildbot.bot.clock import Clock
from guildbot.bot.features.dashboard import signing
from guildbot.storage.engine import Database
from guildbot.storage.models import Community, Member
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.dashboard import DashboardLinks

LINK_LIFETIME = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)
SIGN_IN_PATH = "/dashboard/sign-in"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A redeemed link: who signed in, where the link opens, and their session cookie."""

    member_id: int
    community_slug: str | None
    cookie: str


@dataclass(frozen=True, slots=True)
class Viewer:
    """The member a session cookie belongs to, while it is valid."""

    member_id: int
    is_admin: bool
    display_name: str


class DashboardAccess:
    """Issues sign-in links, redeems them, and reads session cookies."""

    def __init__(self, database: Database, clock: Clock, secret: str, public_url: str) -> None:
        self.database = database
        self.clock = clock
        self._secret = secret
        self.public_url = public_url.rstrip("/")

    async def link(self, member_id: int, community_id: int | None) -> str:
        """A new sign-in link for `member_id`, opening on `community_id` (None: overview)."""
        now = self.clock.now()
        secret_part = secrets.token_urlsafe(24)
        async with self.database.transaction() as session:
            link_id = await DashboardLinks(session).create(
                member_id,
                community_id,
                signing.digest(secret_part),
                now,
                now + LINK_LIFETIME,
            )
        token = signing.sign(self._secret, "link", f"{link_id}:{member_id}:{secret_part}")
        return f"{self.public_url}{SIGN_IN_PATH}?token={quote(token)}"

    async def redeem(self, token: str) -> SignedIn | None:
        """The sign-in `token` allows, once; None for a tampered, expired, reused or
        foreign one (then nothing is written)."""
        payload = signing.verify(self._secret, "link", token)
        parts = payload.split(":") if payload else []
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
            return None
        link_id, member_id, secret_part = int(parts[0]), int(parts[1]), parts[2]
        now = self.clock.now()
        async with self.database.transaction() as session:
            link = await DashboardLinks(session).redeem(
                link_id, member_id, signing.digest(secret_part), now
            )
            if link is None:
                return None
            slug = None
            if link.community_id is not None:
                community = await session.get(Community, link.community_id)
                slug = community.slug if community is not None else None
            await AuditLog(session).record(
                now, member_id, "dashboard.sign_in", "community" if slug else "organisation",
                link.community_id,
            )  # fmt: skip
        return SignedIn(member_id, slug, self._session_cookie(member_id, now))

    async def viewer(self, cookie: str | None) -> Viewer | None:
        """The member whose valid session `cookie` is, as they are now (an erased member's
        session ends with them)."""
        payload = signing.verify(self._secret, "session", cookie or "")
        parts = payload.split(":") if payload else []
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
            return None
        member_id, expires = int(parts[0]), int(parts[1])
        if self.clock.now().timestamp() >= expires:
            return None
        async with self.database.transaction() as session:
            member = await session.get(Member, member_id)
            if member is None:
                return None
            return Viewer(member.id, member.is_admin, member.display_name)

    @property
    def secure_cookies(self) -> bool:
        """Cookies are Secure when people reach the dashboard over https."""
        return self.public_url.startswith("https://")

    def _session_cookie(self, member_id: int, now: datetime) -> str:
        expires = int((now + SESSION_LIFETIME).timestamp())
        return signing.sign(
            self._secret, "session", f"{member_id}:{expires}:{secrets.token_hex(8)}"
        )
