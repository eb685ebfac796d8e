"""Times in the core's text as Discord timestamps, so every viewer sees their own zone.

The core writes instants in two fixed shapes (`calendar.phrases.format_instant` and the
scheduler's "2026-12-03 14:00 UTC"); both name their zone, so they can be turned back into
the instant and rendered as ``<t:UNIX:F>``, which each Discord client shows in its reader's
zone and language. Anything else is left as written — including text that only looks like
a time (members write titles and questions too): a date, hour or zone that does not exist
must never stop a message from being sent.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# "Thu 3 Dec 2026, 11:00-12:00 America/Vancouver", "…, 11:00 for 26h UTC", "…, 11:00 UTC".
_CALENDAR = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]{2}) "
    r"(?P<year>\d{4}), (?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?:-(?P<end_hour>\d{2}):(?P<end_minute>\d{2})|(?P<for> for [0-9dhm ]+?))? "
    r"(?P<zone>UTC|[A-Z][A-Za-z_]+(?:/[A-Za-z0-9_+\-]+){1,2})\b"
)
# "2026-12-03 14:00 UTC" (outbox notices).
_UTC = re.compile(r"\b(?P<date>\d{4}-\d{2}-\d{2}) (?P<hour>\d{2}):(?P<minute>\d{2}) UTC\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


def discord_timestamp(instant: datetime, style: str = "F") -> str:
    """``<t:1764759600:F>``: Discord shows it in the viewer's zone (F: full date and time)."""
    return f"<t:{int(instant.timestamp())}:{style}>"


def with_timestamps(text: str) -> str:
    """`text` with the core's zoned times replaced by Discord timestamps."""
    return _UTC.sub(_utc, _CALENDAR.sub(_calendar, text))


def _calendar(match: re.Match[str]) -> str:
    try:
        # A zone name can also be a folder of the tz database ("America/Argentina"), which
        # ZoneInfo answers with an OSError rather than ZoneInfoNotFoundError.
        zone = ZoneInfo(match["zone"])
        local = datetime(
            int(match["year"]),
            _MONTHS[match["month"]],
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
        )
        end_local = None
        if match["end_hour"] is not None:
            end_local = local.replace(hour=int(match["end_hour"]), minute=int(match["end_minute"]))
            if end_local <= local:  # "23:00-00:00" ends the next day
                end_local += timedelta(days=1)
        text = discord_timestamp(local.replace(tzinfo=zone))
    except (KeyError, ValueError, OSError, OverflowError, ZoneInfoNotFoundError):
        return match.group(0)
    if end_local is not None:
        text += "–" + discord_timestamp(end_local.replace(tzinfo=zone), "t")
    elif match["for"] is not None:
        text += match["for"]
    return text


def _utc(match: re.Match[str]) -> str:
    try:
        instant = datetime.fromisoformat(f"{match['date']}T{match['hour']}:{match['minute']}")
    except ValueError:
        return match.group(0)
    return discord_timestamp(instant.replace(tzinfo=UTC), "f")
