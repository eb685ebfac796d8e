"""Working time in a member's own zone, which is what escalations wait for: a question asked
late on Friday is not escalated over the weekend."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

WORKDAY_START = 9
WORKDAY_END = 17


def add_working_hours(start: datetime, hours: float, zone: str) -> datetime:
    """`start` plus `hours` of working time (Monday-Friday, 09:00-17:00 local), as UTC.

    Time outside working hours does not count: a question asked on Friday at 16:00 with four
    working hours to go is due on Monday at 12:00 local time.
    """
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    local = start.astimezone(tz)
    remaining = timedelta(hours=hours)
    for _ in range(3_700):  # about ten years of days: plenty for any sane setting
        day_start = local.replace(hour=WORKDAY_START, minute=0, second=0, microsecond=0)
        day_end = local.replace(hour=WORKDAY_END, minute=0, second=0, microsecond=0)
        if local.weekday() >= 5 or local >= day_end:
            local = _next_morning(local, tz)
            continue
        local = max(local, day_start)
        available = day_end - local
        if remaining <= available:
            return (local + remaining).astimezone(start.tzinfo)
        remaining -= available
        local = _next_morning(local, tz)
    return (local + remaining).astimezone(start.tzinfo)


def _next_morning(local: datetime, tz: ZoneInfo) -> datetime:
    following = (local + timedelta(days=1)).date()
    return datetime(following.year, following.month, following.day, WORKDAY_START, tzinfo=tz)
