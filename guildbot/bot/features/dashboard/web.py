"""The dashboard's pages on the shared web app, server-rendered (Jinja2, autoescaped).

`GET /dashboard/sign-in?token=…` redeems a link from chat and sets the session cookie
(HttpOnly, SameSite=Strict, Secure over https); `GET /dashboard/` lists the communities the
member may see; `GET /dashboard/c/<slug>` is a community's participation page, and
`GET /dashboard/org` the organisation's list of communities (its admins only). Anything
refused is a plain 403 page; no page is cached or framed, and none sends a referrer (a
sign-in URL carries its token).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, Protocol, TypeVar

from aiohttp import web
from jinja2 import Environment, PackageLoader, select_autoescape

from guildbot.bot.features.dashboard import suppression
from guildbot.bot.features.dashboard.access import SESSION_LIFETIME, DashboardAccess, Viewer
from guildbot.bot.features.dashboard.network import drawing
from guildbot.bot.features.dashboard.pages import (
    DEFAULT_PERIOD,
    PERIODS,
    NetworkPage,
    Pages,
    Place,
)
from guildbot.bot.features.dashboard.questions import spoken

COOKIE = "guildbot_dashboard"
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'none'"
    ),
}

_templates = Environment(
    loader=PackageLoader("guildbot.bot.features.dashboard", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def render(template: str, status: int = 200, **values: Any) -> web.Response:
    """A page from its template, with the dashboard's headers."""
    body = _templates.get_template(template).render(**values)
    return web.Response(
        text=body, status=status, content_type="text/html", charset="utf-8", headers=HEADERS
    )


def refused(message: str, viewer: Viewer | None = None) -> web.Response:
    """The plain 403 page."""
    return render("refused.html", 403, title="Not available", message=message, viewer=viewer)


class CommunityPage(Protocol):
    """What every community page has: whose it is, and when it was counted."""

    @property
    def community(self) -> Place: ...

    @property
    def as_of(self) -> str: ...


Shown = TypeVar("Shown", bound=CommunityPage)


def shown_page(
    template: str,
    heading: str,
    page: Shown | None,
    viewer: Viewer,
    values: Callable[[Shown], dict[str, Any]],
) -> web.Response:
    """A community's page, or the 403 page when the viewer may not see it (None)."""
    if page is None:
        return refused(
            "Only the community's facilitators and admins can see this; the whole "
            "organisation, only its admins.",
            viewer,
        )
    return render(
        template,
        title=f"{page.community.name}: {heading}",
        viewer=viewer,
        community=page.community,
        as_of=page.as_of,
        **values(page),
    )


def dashboard_routes(access: DashboardAccess, pages: Pages) -> list[web.RouteDef]:
    """The routes to mount on the shared web app."""

    async def sign_in(request: web.Request) -> web.StreamResponse:
        signed = await access.redeem(request.query.get("token", ""))
        if signed is None:
            return refused(
                "This sign-in link cannot be used: it has expired (links last 15 minutes), "
                "has been used already, or is not a link Guildbot sent."
            )
        target = f"/dashboard/c/{signed.community_slug}" if signed.community_slug else "/dashboard/"
        response = web.Response(status=303, headers={**HEADERS, "Location": target})
        response.set_cookie(
            COOKIE,
            signed.cookie,
            max_age=int(SESSION_LIFETIME / timedelta(seconds=1)),
            path="/dashboard",
            httponly=True,
            secure=access.secure_cookies,
            samesite="Strict",
        )
        return response

    def signed_in(
        page: Callable[[web.Request, Viewer], Awaitable[web.StreamResponse]],
    ) -> Handler:
        async def handler(request: web.Request) -> web.StreamResponse:
            viewer = await access.viewer(request.cookies.get(COOKIE))
            if viewer is None:
                return refused(
                    "You are not signed in, or your session has ended (sessions last 8 hours)."
                )
            return await page(request, viewer)

        return handler

    async def overview(_request: web.Request, viewer: Viewer) -> web.Response:
        communities = await pages.visible(viewer)
        return render(
            "overview.html", title="Your communities", viewer=viewer, communities=communities
        )

    async def organisation(request: web.Request, viewer: Viewer) -> web.Response:
        page = await pages.organisation(viewer, _days(request))
        return shown_page("organisation.html", "communities", page, viewer, lambda p: {
            "communities": p.communities, "days": p.days, "periods": PERIODS,
            "shown": suppression.shown,
        })  # fmt: skip

    async def community(request: web.Request, viewer: Viewer) -> web.Response:
        page = await pages.participation(viewer, request.match_info.get("slug"))
        return shown_page("participation.html", "participation", page, viewer, lambda p: {
            "figures": p.figures,
        })  # fmt: skip

    async def questions(request: web.Request, viewer: Viewer) -> web.Response:
        page = await pages.questions(viewer, request.match_info.get("slug"), _days(request))
        return shown_page("questions.html", "questions", page, viewer, lambda p: {
            "figures": p.figures, "days": p.days, "periods": PERIODS, "spoken": spoken,
        })  # fmt: skip

    async def coffee(request: web.Request, viewer: Viewer) -> web.Response:
        page = await pages.coffee(viewer, request.match_info["slug"])
        return shown_page("coffee.html", "coffee intros", page, viewer, lambda p: {
            "figures": p.figures, "shown": suppression.shown,
        })  # fmt: skip

    async def events(request: web.Request, viewer: Viewer) -> web.Response:
        page = await pages.events(viewer, request.match_info["slug"])
        return shown_page("events.html", "events", page, viewer, lambda p: {
            "events": p.events,
        })  # fmt: skip

    async def attendees(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        event_id = int(request.match_info["event_id"])
        found = await pages.attendees(
            viewer, request.match_info["slug"], event_id, request.query.get("date", "")
        )
        if found is None:
            return refused("There is no such date of one of your communities' events.", viewer)
        return web.Response(
            text=found.body,
            content_type="text/csv",
            charset="utf-8",
            headers={
                **HEADERS,
                "Content-Disposition": f'attachment; filename="{found.filename}"',
            },
        )

    async def network_page(request: web.Request, viewer: Viewer) -> web.Response:
        period = request.query.get("period", "")
        page = await pages.network(viewer, request.match_info.get("slug"), period)

        def values(shown: NetworkPage) -> dict[str, Any]:
            nodes, edges = drawing(shown.figures)
            return {"figures": shown.figures, "periods": shown.periods, "nodes": nodes,
                    "edges": edges}  # fmt: skip

        return shown_page("network.html", "network", page, viewer, values)

    return [
        web.get("/dashboard/sign-in", sign_in),
        web.get(r"/dashboard/c/{slug:[^/]{1,60}}/network", signed_in(network_page)),
        web.get(r"/dashboard/c/{slug:[^/]{1,60}}/events", signed_in(events)),
        web.get(
            r"/dashboard/c/{slug:[^/]{1,60}}/events/{event_id:\d{1,12}}/attendees.csv",
            signed_in(attendees),
        ),
        web.get(r"/dashboard/c/{slug:[^/]{1,60}}/coffee", signed_in(coffee)),
        web.get(r"/dashboard/c/{slug:[^/]{1,60}}/questions", signed_in(questions)),
        web.get("/dashboard/", signed_in(overview)),
        web.get("/dashboard/org", signed_in(organisation)),
        web.get("/dashboard/org/participation", signed_in(community)),
        web.get("/dashboard/org/questions", signed_in(questions)),
        web.get("/dashboard/org/network", signed_in(network_page)),
        web.get(r"/dashboard/c/{slug:[^/]{1,60}}", signed_in(community)),
    ]


def _days(request: web.Request) -> int:
    """The period asked for in days, when it is one offered (else the default)."""
    typed = request.query.get("days", "")
    return int(typed) if typed.isdigit() and int(typed) in PERIODS else DEFAULT_PERIOD
