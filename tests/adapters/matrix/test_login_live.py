"""Logging in, on a real Synapse: a refused token or password, or a homeserver that does not
answer, stops start-up naming the variable to fix."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guildbot.app.build import Guildbot
from guildbot.contract.errors import ConfigError
from tests.adapters.matrix.rig import bot_adapter
from tests.adapters.matrix.synapse import Synapse
from tests.adapters.processes import free_port


@pytest.mark.parametrize(
    ("change", "password_login", "variable"),
    [
        ({"access_token": "syt_not_a_token"}, False, "MATRIX_ACCESS_TOKEN"),
        ({"password": "not the password"}, True, "MATRIX_PASSWORD"),
        ({"homeserver": "http://127.0.0.1:{port}"}, False, "MATRIX_HOMESERVER"),
    ],
)
async def test_a_refused_login_stops_start_up_naming_the_variable(
    app: Guildbot,
    synapse: Synapse,
    change: dict[str, str],
    password_login: bool,
    variable: str,
) -> None:
    account = await synapse.register(synapse.fresh_localpart("guildbot"))
    wrong = {key: value.format(port=free_port()) for key, value in change.items()}
    adapter = bot_adapter(app, replace(account, **wrong), password_login=password_login)
    with pytest.raises(ConfigError) as refused:
        await adapter.start(app.dispatcher(adapter))
    await adapter.stop()
    assert refused.value.variable == variable
    assert "not_a_token" not in str(refused.value) and "not the password" not in str(refused.value)
