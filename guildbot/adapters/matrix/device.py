"""Logging the bot's device in, and cross-signing it.

A refused token or password, or a homeserver that does not answer, is a `ConfigError` naming
the variable to fix: start-up stops with it. Cross-signing that fails only leaves the device
unverified (a warning).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from aiohttp import ClientError
from mautrix.client import Client
from mautrix.crypto import OlmMachine
from mautrix.errors import MatrixConnectionError, MatrixError, MForbidden, MUnknownToken
from mautrix.types import DeviceID, LoginType, UserID

from guildbot.contract.errors import ConfigError

log = logging.getLogger(__name__)

DEVICE_NAME = "Guildbot"


@dataclass(frozen=True, slots=True)
class Login:
    """How the bot logs in: with an access token, else with its password."""

    homeserver: str
    user_id: str
    # Never in a log or a traceback.
    access_token: str = field(default="", repr=False)
    password: str = field(default="", repr=False)
    device_id: str = ""  # the device to log in as (empty: the stored one, else a new one)


async def log_in(client: Client, login: Login, stored_device: str) -> None:
    """Log `client` in (or check its token), as the stored device where there is one."""
    try:
        if login.access_token:
            whoami = await client.whoami()
            if whoami.user_id != login.user_id:
                raise ConfigError(
                    "MATRIX_ACCESS_TOKEN",
                    f"the token is {whoami.user_id}'s, not {login.user_id}'s",
                )
            client.device_id = whoami.device_id or DeviceID(login.device_id)
        else:
            await client.login(
                identifier=UserID(login.user_id),
                login_type=LoginType.PASSWORD,
                password=login.password,
                device_id=login.device_id or stored_device or None,
                device_name=DEVICE_NAME,
                store_access_token=True,
            )
    except (MUnknownToken, MForbidden) as error:
        variable = "MATRIX_ACCESS_TOKEN" if login.access_token else "MATRIX_PASSWORD"
        raise ConfigError(variable, f"the homeserver refused it ({error.errcode})") from None
    except (ClientError, MatrixConnectionError) as error:
        raise ConfigError(
            "MATRIX_HOMESERVER", f"{login.homeserver} did not answer ({type(error).__name__})"
        ) from None


async def cross_sign(machine: OlmMachine, passphrase: str) -> None:
    """Sign this device with the account's self-signing key, so that a member who verified
    the bot once trusts each device it runs as. The first start makes the account's
    cross-signing keys and keeps them in its secret storage (account data, encrypted under a
    key derived from `passphrase`); a later device fetches them back from there."""
    try:
        if await machine.get_own_cross_signing_public_keys() is None:
            await machine.generate_recovery_key(passphrase=passphrase)
            log.info("matrix account cross-signing keys created; device signed")
            return
        key_id, key_data = await machine.ssss.get_default_key_data()
        storage_key = key_data.verify_passphrase(key_id, passphrase)
        # mautrix fetches and imports the keys this way in verify_with_recovery_key, which
        # takes the recovery key itself rather than its passphrase.
        seeds = await machine._fetch_cross_signing_keys_from_ssss(storage_key)
        machine._import_cross_signing_keys(seeds)
        await machine.sign_own_device(machine.own_identity)
    except (MatrixError, ValueError, KeyError) as error:
        log.warning("matrix device not cross-signed (%s)", type(error).__name__)
