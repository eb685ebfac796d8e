"""What reaches `/slack/events` from outside is checked before anything reads it: an unsigned
or forged request is 401 whatever its body, a signed body that cannot be read is 400 with one
log line, and nothing any request carries produces a 5xx or a traceback."""

from __future__ import annotations

import logging
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guildbot.storage.models import Member, ProcessedEvent
from tests.adapters.slack.rig import SlackRig, sign
from tests.fakes import count_rows

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
DEEP = ("[" * 100_000 + "]" * 100_000).encode()

MALFORMED = [
    pytest.param(b'{"type": "event_callback", ', JSON, id="invalid JSON"),
    pytest.param(b"payload=%7Bnot+json", FORM, id="form payload that is not JSON"),
    pytest.param(b'{"type": "\xff\xfe"}', JSON, id="invalid UTF-8 in JSON"),
    pytest.param(b"command=%2Fguild&text=\xff", FORM, id="invalid UTF-8 in a form"),
    pytest.param(DEEP, JSON, id="JSON 100,000 deep"),
    pytest.param(b"payload=" + DEEP, FORM, id="form payload 100,000 deep"),
    pytest.param(b"[1, 2, 3]", JSON, id="JSON that is not an object"),
    # bolt reads a body that starts with "{" as JSON whatever its type says.
    pytest.param(b"{", FORM, id="a form that starts like JSON"),
    pytest.param(b"payload=%7B%7D&payload=%7Bnot", FORM, id="a repeated payload, the last bad"),
]


async def written(slack: SlackRig) -> int:
    return await count_rows(slack.app, ProcessedEvent) + await count_rows(slack.app, Member)


@pytest.mark.parametrize(("body", "content_type"), MALFORMED)
async def test_a_malformed_body_is_401_unsigned_and_400_signed_without_a_traceback(
    slack: SlackRig, body: bytes, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert await slack.post(body, content_type, signed={}) == 401
        forged = sign(body, secret="0000000000000000ffffffffffffffff")
        assert await slack.post(body, content_type, signed=forged) == 401
        assert await slack.post(body, content_type) == 400
    await slack.adapter.drain()
    assert "Traceback" not in caplog.text and all(r.exc_info is None for r in caplog.records)
    refusals = [r for r in caplog.records if "malformed" in r.getMessage()]
    assert len(refusals) == 1 and refusals[0].levelno == logging.WARNING
    assert slack.mock.replies() == []
    assert await written(slack) == 0


async def test_an_oversized_body_is_refused_before_it_is_read(slack: SlackRig) -> None:
    huge = b"text=" + b"x" * (2 << 20)
    assert await slack.post(huge, FORM, signed={}) == 413
    assert await slack.post(huge, FORM) == 413


async def test_a_timestamp_that_is_not_a_number_is_401(slack: SlackRig) -> None:
    body = b"command=%2Fguild&text=help"
    headers = {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=abc"}
    assert await slack.post(body, FORM, signed=headers) == 401


headers = st.dictionaries(
    st.sampled_from(
        ["Content-Type", "X-Slack-Request-Timestamp", "X-Slack-Signature", "X-Slack-Retry-Num"]
    ),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=3000), extra=headers, signed=st.booleans())
async def test_no_bytes_or_headers_produce_a_5xx_or_a_traceback(
    slack: SlackRig, body: bytes, extra: dict[str, str], signed: bool
) -> None:
    caught: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            caught.append(record)

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        signature = sign(body, timestamp=int(time.time())) if signed else {}
        content_type = extra.pop("Content-Type", FORM)
        status = await slack.post(body, content_type, signed={**signature, **extra})
        await slack.adapter.drain()
    finally:
        root.removeHandler(handler)
    assert status < 500
    assert all(r.exc_info is None for r in caught), [r.getMessage() for r in caught]


async def test_a_large_signed_body_is_read_whole(slack: SlackRig) -> None:
    # Over a few network reads: the gate must see the whole body to check its signature.
    [reply] = await slack.command("/guild", "expertise add " + "x" * 300_000)
    assert "characters long" in reply.args["text"]
