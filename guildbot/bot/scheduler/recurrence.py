"""RFC 5545 recurrences expanded in an IANA time zone, never through a fixed UTC offset.

Occurrences are computed as local wall-clock times and only then placed on the time line, so a
weekly 09:00 stays 09:00 local across daylight-saving changes. Local times that do not exist or
exist twice follow RFC 5545 §3.3.5:

* a time in the spring-forward gap (02:30 on the day clocks jump from 02:00 to 03:00) is read
  with the offset from before the gap, so it happens at 03:30 local — the same instant one
  hour after 01:30;
* a time in the fall-back overlap (01:30 on the day clocks go from 02:00 back to 01:00) is the
  first of the two, in daylight time, and happens once.

Python's `zoneinfo` with `fold=0` implements exactly these rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

LOCAL_FORMAT = "%Y-%m-%dT%H:%M:%S"
MAX_RULE_LENGTH = 500


class RecurrenceError(ValueError):
    """An RRULE that cannot be used (malformed, or never produces an occurrence)."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence: its local wall-clock time and the instant it happens."""

    local: datetime  # naive, in the recurrence's zone
    at: datetime  # aware, UTC


def to_instant(local: datetime, zone: ZoneInfo) -> datetime:
    """Place a local wall-clock time on the time line (RFC 5545 rules for gaps and folds)."""
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def parse_local(text: str) -> datetime:
    """A stored local time (ISO, no offset) back to a naive datetime."""
    return datetime.strptime(text, LOCAL_FORMAT)


def format_local(local: datetime) -> str:
    """A naive local time for storage."""
    return local.strftime(LOCAL_FORMAT)


class Recurrence:
    """An RRULE anchored at a local start time in one zone."""

    def __init__(self, rule: str, local_start: datetime, timezone: str) -> None:
        if local_start.tzinfo is not None:
            raise RecurrenceError("the start must be a local wall-clock time, without offset")
        if len(rule) > MAX_RULE_LENGTH:
            raise RecurrenceError("the rule is too long")
        self.rule = rule
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)
        self.local_start = local_start.replace(microsecond=0)
        text = rule.removeprefix("RRULE:").strip()
        try:
            parsed = rrulestr(text, dtstart=self.local_start, forceset=False)
        except (ValueError, TypeError, KeyError, OverflowError) as error:
            raise RecurrenceError(f"not an RRULE I can read ({error})") from None
        if not isinstance(parsed, rrule):
            raise RecurrenceError("only a single RRULE is supported")
        self._rule = parsed

    def first(self) -> Occurrence | None:
        """The first occurrence (the start itself when the rule includes it)."""
        local = self._rule.after(self.local_start, inc=True)
        return None if local is None else Occurrence(local, to_instant(local, self.zone))

    def after(self, local: datetime) -> Occurrence | None:
        """The next occurrence strictly after a local time, or None when the rule has ended."""
        following = self._rule.after(local, inc=False)
        return (
            None if following is None else Occurrence(following, to_instant(following, self.zone))
        )

    def between(self, start: datetime, end: datetime, limit: int = 1000) -> Iterator[Occurrence]:
        """Occurrences whose instant lies in [start, end), at most `limit` of them."""
        occurrence = self.first()
        count = 0
        while occurrence is not None and occurrence.at < end and count < limit:
            if occurrence.at >= start:
                count += 1
                yield occurrence
            occurrence = self.after(occurrence.local)
