"""Which requests ``/api/messages`` takes, when the bot has credentials.

Bot Framework sends each activity with a JWT it signed for this bot. The Agents SDK's
`JwtTokenValidator` checks its signature (RS256 only, against the keys Bot Framework — or
Entra, for a tenant's own tokens — publishes; a key id it does not know makes its key client
fetch the key set once more, at most every 30 seconds), its lifetime (with 5 minutes'
leeway), its audience (this bot's app id) and, when an Entra token names its tenant (`tid`),
that this is its issuer's tenant; asked to, it also checks the issuer against a list. That
list always includes a few Microsoft first-party tenants, from which no Teams activity comes,
and the SDK neither requires the ``serviceurl`` claim nor knows which tenant the bot serves.
So `InboundAuth` turns the SDK's issuer check on, with `accepted_issuers`, and checks on the
verified claims and the activity what the SDK does not:

- the issuer is one of `accepted_issuers`: Bot Framework's, and for a single-tenant bot its
  own tenant's (Entra v1 and v2);
- the token has an expiry;
- its ``serviceurl`` claim is the activity's ``serviceUrl`` (replies go there, with the
  bot's own token);
- with TEAMS_TENANT_ID, every tenant the activity names is that one.

The SDK's host check (`ServiceUrls`) takes only https service URLs on Microsoft's hosts;
an operator can add others (TEAMS_SERVICE_URLS), each matched as a prefix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from microsoft_agents.hosting.core import (
    AgentAuthConfiguration,
    ClaimsIdentity,
    JwtTokenValidator,
    OutboundHostValidator,
)
from yarl import URL

from guildbot.adapters.teams.inbound import tenants_named

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
# Logged when the SDK's validator refuses a token: its plain ValueErrors have fixed messages.
_SDK_REFUSALS = {
    "Invalid audience.": "the token is for another app",
    "Invalid issuer.": "the token's issuer is not accepted",
}


class Refused(Exception):
    """A request ``/api/messages`` does not take. The message says why and is safe to log:
    it shows neither the token nor any value the request brought."""


def accepted_issuers(tenant_id: str) -> tuple[str, ...]:
    """The token issuers a bot accepts: Bot Framework's; for a single-tenant bot (a tenant
    id), also that tenant's Entra issuers, v1 and v2."""
    if not tenant_id:
        return (BOT_FRAMEWORK_ISSUER,)
    tenant = tenant_id.lower()
    return (
        BOT_FRAMEWORK_ISSUER,
        f"https://sts.windows.net/{tenant}/",
        f"https://login.microsoftonline.com/{tenant}/v2.0",
    )


class InboundAuth:
    """Checks an ``/api/messages`` request: its token (`claims`), then its activity against
    that token (`check_activity`); each raises `Refused`."""

    def __init__(
        self, configuration: AgentAuthConfiguration, *, tenant_id: str, anonymous: bool
    ) -> None:
        self.configuration = configuration
        self.tenant_id = tenant_id.lower()
        self.anonymous = anonymous
        self.issuers = frozenset(accepted_issuers(tenant_id))

    async def claims(self, header: str | None) -> ClaimsIdentity:
        """The verified claims of the request's bearer token; anonymous claims when the
        bot has no credentials and the request no token."""
        if not header:
            if self.anonymous:
                return ClaimsIdentity()
            raise Refused("no token")
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Refused("not a bearer token")
        try:
            claims = await JwtTokenValidator(self.configuration).validate_token(token.strip())
        except Exception as error:  # PyJWT, key lookup, audience, issuer: "not authenticated"
            reason = _SDK_REFUSALS.get(str(error)) if type(error) is ValueError else None
            raise Refused(reason or f"the token is not valid ({type(error).__name__})") from None
        issuer = claims.get_claim_value("iss")
        if not isinstance(issuer, str) or issuer.lower() not in self.issuers:
            raise Refused("the token's issuer is not accepted")
        if claims.get_claim_value("exp") is None:
            raise Refused("the token has no expiry")
        return claims

    def check_activity(self, claims: ClaimsIdentity, activity: Mapping[str, Any]) -> None:
        """Refuse an activity its token does not vouch for, or from a tenant the bot does
        not serve."""
        if self.anonymous:
            return
        service_url = claims.get_claim_value("serviceurl")
        if not isinstance(service_url, str) or not service_url:
            raise Refused("the token has no serviceurl claim")
        if service_url != activity.get("serviceUrl"):
            raise Refused("the token's serviceurl claim is not the activity's serviceUrl")
        if self.tenant_id:
            tenants = tenants_named(activity)
            if not tenants or any(tenant.lower() != self.tenant_id for tenant in tenants):
                raise Refused("the activity is not from the tenant of TEAMS_TENANT_ID")


class ServiceUrls(OutboundHostValidator):
    """The service URLs an activity may name (replies go there, with the bot's token):
    Microsoft's connector hosts over https, as the SDK checks them, and the URLs the operator
    listed, each a prefix of the activity's serviceUrl (scheme, host, port and path)."""

    def __init__(self, listed: Sequence[str], *, enabled: bool) -> None:
        super().__init__(enabled=enabled)
        self.listed = tuple(_with_slash(url) for url in listed)

    def is_allowed(self, url: str | URL) -> bool:
        """Whether an activity's serviceUrl is one the bot may send to."""
        if self.enabled and any(_with_slash(str(url)).startswith(one) for one in self.listed):
            return True
        return super().is_allowed(url)


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
