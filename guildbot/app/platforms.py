"""The chat platforms a process runs, built from settings.

Each adapter package is imported only when its platform is configured, so the console and the
command-line tools never load a chat SDK.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from guildbot.app.build import Guildbot, instance_id
from guildbot.bot import features
from guildbot.bot.adapter_support.completions import Suggestions
from guildbot.bot.adapter_support.conversations import StoredConversations
from guildbot.bot.adapter_support.localised import CataloguePhrases, MemberLocales
from guildbot.bot.adapter_support.shards import ShardClaims
from guildbot.bot.config import Settings
from guildbot.bot.home import HomeService

if TYPE_CHECKING:
    from guildbot.adapters.discord import DiscordAdapter
    from guildbot.adapters.matrix import MatrixAdapter
    from guildbot.adapters.slack import SlackAdapter
    from guildbot.adapters.teams import TeamsAdapter


def slack(app: Guildbot, settings: Settings) -> SlackAdapter:
    """Socket Mode with an app-level token, otherwise HTTP mode (mount its routes)."""
    from guildbot.adapters.slack import SlackAdapter  # noqa: PLC0415

    return SlackAdapter(
        bot_token=settings.slack_bot_token,
        commands=features.catalogue(),
        phrases=CataloguePhrases(settings.default_locale),
        signing_secret=settings.slack_signing_secret,
        app_token=settings.slack_app_token,
        api_url=settings.slack_api_url,
        home=HomeService(app.database, app.clock, app.identities).home,
    )


def discord(app: Guildbot, settings: Settings) -> DiscordAdapter:
    """The Discord adapter, with this process's shard claims and autocomplete."""
    from guildbot.adapters.discord import DiscordAdapter  # noqa: PLC0415

    claims = _claims(app, settings, "discord")
    return DiscordAdapter(
        bot_token=settings.discord_bot_token,
        commands=features.catalogue(),
        phrases=CataloguePhrases(settings.default_locale),
        confirmations=app.confirmations(),
        shard_count=settings.discord_shard_count,
        shard_ids=settings.discord_shard_ids,
        intro_channels=settings.discord_intro_channels,
        message_content=settings.discord_message_content,
        members_intent=settings.discord_members_intent,
        api_url=settings.discord_api_url,
        gateway_url=settings.discord_gateway_url,
        claims=claims,
        suggest=Suggestions(app.database).suggest,
    )


def teams(app: Guildbot, settings: Settings) -> TeamsAdapter:
    """Anonymous mode without a client id (local testing only); mount its routes."""
    from guildbot.adapters.teams import TeamsAdapter  # noqa: PLC0415

    return TeamsAdapter(
        store=StoredConversations(app.database, app.clock, "teams"),
        phrases=CataloguePhrases(settings.default_locale),
        client_id=settings.teams_client_id,
        client_secret=settings.teams_client_secret,
        tenant_id=settings.teams_tenant_id,
        service_urls=settings.teams_service_urls,
    )


def matrix(app: Guildbot, settings: Settings) -> MatrixAdapter:
    """The Matrix adapter, with this process's lease on the account's one sync loop."""
    from guildbot.adapters.matrix import MatrixAdapter  # noqa: PLC0415

    claims = _claims(app, settings, "matrix")
    return MatrixAdapter(
        homeserver=settings.matrix_homeserver,
        user_id=settings.matrix_user_id,
        database_url=settings.database_url,
        phrases=CataloguePhrases(settings.default_locale),
        claims=claims,
        access_token=settings.matrix_access_token,
        password=settings.matrix_password,
        device_id=settings.matrix_device_id,
        pickle_key=settings.matrix_pickle_key,
        encryption=settings.matrix_encryption,
        allowed_servers=settings.matrix_allowed_servers,
        locales=MemberLocales(app.identities),
    )


def _claims(app: Guildbot, settings: Settings, platform: str) -> ShardClaims:
    """This process's leases on a platform's gateway shards (Matrix: its one sync loop)."""
    return ShardClaims(
        app.database,
        app.clock,
        platform,
        instance_id(settings.instance_name),
        timedelta(seconds=settings.lease_seconds),
    )
