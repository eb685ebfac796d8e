"""People named in what someone typed: mention tokens the adapter put in (see
`contract.inbound`), and ``@handles`` people write themselves (``role grant @li.wei``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from guildbot.contract.inbound import MENTION_CLOSE, MENTION_OPEN
from guildbot.contract.refs import MemberRef

_TOKEN = re.compile(f"{MENTION_OPEN}(\\d{{1,3}}){MENTION_CLOSE}")
# A handle as people type it: "@amara.okafor" (not an e-mail address's "@").
_HANDLE = re.compile(r"(?<![\w@])@[\w.\-]{1,64}")


def mentioned(word: str, mentions: Sequence[MemberRef]) -> MemberRef | None:
    """The member a word stands for, when it is one mention token."""
    match = _TOKEN.fullmatch(word.strip())
    if match is None or int(match.group(1)) >= len(mentions):
        return None
    return mentions[int(match.group(1))]


def named(text: str) -> list[str]:
    """Every mention token and @handle in `text`, in order, each once."""
    found = [m.group(0) for m in re.finditer(f"{_TOKEN.pattern}|{_HANDLE.pattern}", text)]
    return list(dict.fromkeys(found))


def without_names(text: str) -> str:
    """`text` with its mentions and @handles taken out."""
    return " ".join(_HANDLE.sub(" ", _TOKEN.sub(" ", text)).split())


def readable(text: str, names: Mapping[int, str]) -> str:
    """`text` with each mention token as ``@Name`` (names by mention index), for storing
    what someone wrote: stored text never holds a platform's reference to a person."""

    def name(match: re.Match[str]) -> str:
        return "@" + names.get(int(match.group(1)), "someone")

    return _TOKEN.sub(name, text)
