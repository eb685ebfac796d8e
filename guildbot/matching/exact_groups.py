"""The best partition of a few people into groups of given sizes: exact, by dynamic programming.

Pure and generic: people are 0..n-1, the caller values every possible group. States are the
sets of people already grouped (bit masks); a state is extended only by groups containing its
lowest ungrouped person, so each partition is built in one order only, and layer k holds the
states made of k groups, each kept once with its best value. Fast for the small rounds it is
used on (see `pairing.EXACT_LIMIT`); the state count grows roughly as C(n, n/2).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
# A caller's values for groups given as rows of member indices; -inf for a group not allowed.
GroupValues = Callable[[Ints], Floats]

# Candidate (state, group) pairs looked at per numpy step, to bound memory.
_CHUNK = 1 << 21


@dataclass(frozen=True, slots=True)
class _Groups:
    """Every allowed group of one size, sorted by lowest member."""

    size: int
    masks: Ints
    values: Floats
    starts: Ints  # groups whose lowest member is p: starts[p] <= index < starts[p + 1]


@dataclass(frozen=True, slots=True)
class _Layer:
    masks: Ints
    values: Floats
    parents: Ints  # index of the state in the previous layer
    groups: Ints  # mask of the group that made this state from its parent


def best_partition(
    n: int, sizes: Sequence[int], value: GroupValues
) -> tuple[list[list[int]], float] | None:
    """Groups of exactly `sizes` (at most two distinct sizes, adjacent) covering 0..n-1 with
    the largest sum of `value`, and that sum; None if no such partition uses only allowed
    groups."""
    if sum(sizes) != n or not sizes:
        raise ValueError("sizes must add up to n")
    small, large = min(sizes), max(sizes)
    if large - small > 1:
        raise ValueError("at most two adjacent sizes")
    wanted = {size: sizes.count(size) for size in sorted(set(sizes))}
    tables = [_allowed_groups(n, size, value) for size in wanted]
    nobody = np.zeros(1, dtype=np.int64)
    layers = [_Layer(nobody, np.zeros(1, dtype=np.float64), nobody - 1, nobody)]
    for formed in range(len(sizes)):
        layer = _extend(layers[-1], formed, small, wanted, tables)
        if layer.masks.size == 0:
            return None
        layers.append(layer)
    return _groups_of(layers), float(layers[-1].values[0])


def _allowed_groups(n: int, size: int, value: GroupValues) -> _Groups:
    members = np.array(list(combinations(range(n), size)), dtype=np.int64).reshape(-1, size)
    values = value(members) if members.size else np.zeros(0, dtype=np.float64)
    keep = np.isfinite(values)
    members, values = members[keep], values[keep]
    # combinations() yields rows sorted, lowest member first and in increasing order.
    masks = (np.int64(1) << members).sum(axis=1).astype(np.int64)
    starts = np.searchsorted(members[:, 0], np.arange(n + 1), side="left").astype(np.int64)
    return _Groups(size, masks, values.astype(np.float64), starts)


def _extend(
    layer: _Layer, formed: int, small: int, wanted: dict[int, int], tables: list[_Groups]
) -> _Layer:
    """The states of `formed + 1` groups, each with its best value and how it was reached."""
    people = np.bitwise_count(layer.masks).astype(np.int64)
    # With sizes s and s + 1, k groups covering p people include p - s*k of size s + 1.
    larger = people - small * formed
    used = {small: formed - larger, small + 1: larger}
    ungrouped = ~layer.masks & (layer.masks + 1)  # the lowest ungrouped person's bit
    lowest = np.bitwise_count(ungrouped - 1).astype(np.int64)
    parts: list[tuple[Ints, Floats, Ints, Ints]] = []
    for table in tables:
        room = used[table.size] < wanted[table.size]
        parts.extend(_joined(layer, lowest, room, table))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return _Layer(empty, np.zeros(0, dtype=np.float64), empty, empty)
    masks = np.concatenate([p[0] for p in parts])
    values = np.concatenate([p[1] for p in parts])
    parents = np.concatenate([p[2] for p in parts])
    groups = np.concatenate([p[3] for p in parts])
    # Keep each state once, with its best value (the first found among equals: deterministic).
    order = np.lexsort((-values, masks))
    first = np.ones(order.size, dtype=np.bool_)
    first[1:] = masks[order][1:] != masks[order][:-1]
    best = order[first]
    return _Layer(masks[best], values[best], parents[best], groups[best])


def _joined(
    layer: _Layer, lowest: Ints, room: npt.NDArray[np.bool_], table: _Groups
) -> list[tuple[Ints, Floats, Ints, Ints]]:
    """States joined with every disjoint allowed group of `table` holding their lowest
    ungrouped person: (new masks, values, parent indices, group masks)."""
    out: list[tuple[Ints, Floats, Ints, Ints]] = []
    states = np.nonzero(room)[0]
    for person in np.unique(lowest[states]).tolist():
        mine = states[lowest[states] == person]
        start, stop = int(table.starts[person]), int(table.starts[person + 1])
        if start == stop:
            continue
        step = max(1, _CHUNK // (stop - start))
        for first in range(0, mine.size, step):
            chunk = mine[first : first + step]
            masks = layer.masks[chunk][:, None]
            group_masks = table.masks[None, start:stop]
            free = (masks & group_masks) == 0
            rows, columns = np.nonzero(free)
            out.append(
                (
                    (masks[rows, 0] | group_masks[0, columns]).astype(np.int64),
                    layer.values[chunk][rows] + table.values[start + columns],
                    chunk[rows].astype(np.int64),
                    group_masks[0, columns].astype(np.int64),
                )
            )
    return out


def _groups_of(layers: list[_Layer]) -> list[list[int]]:
    """Follow the best full partition back through the layers."""
    groups: list[list[int]] = []
    index = 0  # the last layer holds one state: everyone grouped
    for layer in reversed(layers[1:]):
        mask = int(layer.groups[index])
        groups.append([bit for bit in range(mask.bit_length()) if mask >> bit & 1])
        index = int(layer.parents[index])
    return groups[::-1]
