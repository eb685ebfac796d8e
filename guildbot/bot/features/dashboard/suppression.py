"""Counts about people, shown only where no one can be singled out.

Any count under `THRESHOLD` people is shown as "fewer than 5". A table whose column has
exactly one such cell would let a reader find it by subtracting the others from the total,
so a second cell, the smallest left, is withheld too (secondary suppression, as statistical
offices publish tables); groups too small to show on their own are pooled.
"""

from __future__ import annotations

from collections.abc import Sequence

THRESHOLD = 5


def shown(count: int) -> int | None:
    """`count`, or None when it is under the threshold."""
    return count if count >= THRESHOLD else None


def column(counts: Sequence[int]) -> list[int | None]:
    """A table column whose total is shown: small cells withheld, and never exactly one."""
    result: list[int | None] = [shown(count) for count in counts]
    withheld = [index for index, value in enumerate(result) if value is None]
    if len(withheld) == 1:
        remaining = [index for index, value in enumerate(result) if value is not None]
        if remaining:
            smallest = min(remaining, key=lambda index: (counts[index], index))
            result[smallest] = None
    return result


def pooled(sizes: Sequence[tuple[str, int]]) -> tuple[list[tuple[str, int]], list[str]]:
    """Groups big enough to show on their own (largest first), and the names of those pooled
    into one "other" row: every group under the threshold, and more (the smallest first)
    while the pool would be under it yet not empty, so no group's size follows from the
    total."""
    ordered = sorted(sizes, key=lambda item: (-item[1], item[0]))
    own = [item for item in ordered if item[1] >= THRESHOLD]
    pool = [item for item in ordered if item[1] < THRESHOLD]
    while pool and sum(size for _, size in pool) < THRESHOLD and own:
        pool.append(own.pop())
    return own, sorted(name for name, _ in pool)
