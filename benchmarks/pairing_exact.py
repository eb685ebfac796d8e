"""Coffee pairing in small rounds: how far the heuristic is from the optimum, and exact speed.

1. Gaps: for n = 12-15 members (and 16-18, above `EXACT_LIMIT`) in groups of 3, rounds with
   no history, then with six rounds of history made by the solver itself, as in production.
   For each, the exact optimum (`exact_groups.best_partition` on what the solver maximises:
   the total score less the rotation penalty for people in a group of another size, who had
   one recently; without history that is the total score) and, against it, the heuristic with
   member swaps only (`EXACT_LIMIT` and `POLISH_LIMIT` set to 0: the solver before the exact
   steps), with the exact polish too, and `solve` as shipped. Gap = (optimum - found) / optimum.
2. Speed: `solve` with the exact search allowed at n = 12-18, for every group size 2-6.
3. Speed of `solve` as shipped at larger n (20 to 1,000; `benchmarks/pairing.py` goes on
   to 100,000), for every group size 2-6.

    .venv/bin/python benchmarks/pairing_exact.py                    # about 3 minutes
    .venv/bin/python benchmarks/pairing_exact.py --only gaps --rounds 100 --size 4
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from guildbot.matching import pairing
from guildbot.matching.exact_groups import best_partition
from guildbot.matching.pairing import (
    Candidate,
    Pairing,
    PairingRequest,
    PastRound,
    group_sizes,
    problem_for,
    solve,
)

ZONES = ("America/Toronto", "America/Vancouver", "America/Halifax", "Europe/London")
SKILLS = tuple(f"skill-{k}" for k in range(12))


def round_of(count: int, size: int, seed: int, rounds: int = 6) -> PairingRequest:
    """`count` members in 5 departments after `rounds` biweekly rounds formed by the solver."""
    rng = random.Random(seed)
    members = [
        Candidate(
            f"m{k:02d}",
            f"Department {rng.randrange(5)}",
            rng.choice(ZONES),
            frozenset(rng.sample(SKILLS, rng.randint(0, 3))),
        )
        for k in range(count)
    ]
    history: list[PastRound] = []
    for number in range(rounds):
        present = [m for m in members if rng.random() < 0.85]  # some sit a round out
        made = solve(PairingRequest(present, size, seed=seed + number, history=history))
        day = f"2026-{1 + number // 2:02d}-{1 + 14 * (number % 2):02d}"
        history.append(PastRound(day, tuple(g.members for g in made.groups)))
    return PairingRequest(members, size, seed=seed, history=history)


def objective(request: PairingRequest, pairing_result: Pairing) -> float:
    """What the solver maximises, for the result's groups (its reported total less rotation)."""
    problem = problem_for(request)
    index = {member_id: k for k, member_id in enumerate(problem.ids)}
    total = 0.0
    for group in pairing_result.groups:
        rows = np.array([[index[m] for m in group.members]], dtype=np.int64)
        total += float(pairing._group_values(problem, rows)[0])
    return total


def optimum(request: PairingRequest) -> float | None:
    problem = problem_for(request)
    sizes = group_sizes(problem.n, request.group_size)
    best = best_partition(problem.n, sizes, lambda rows: pairing._group_values(problem, rows))
    return None if best is None else best[1]


@contextmanager
def limits(exact: int, polish: int = pairing.POLISH_LIMIT) -> Iterator[None]:
    """`solve` with other `EXACT_LIMIT` and `POLISH_LIMIT` (0: that step is skipped)."""
    saved = pairing.EXACT_LIMIT, pairing.POLISH_LIMIT
    pairing.EXACT_LIMIT, pairing.POLISH_LIMIT = exact, polish
    try:
        yield
    finally:
        pairing.EXACT_LIMIT, pairing.POLISH_LIMIT = saved


def timed(request: PairingRequest) -> tuple[Pairing, float]:
    started = time.perf_counter()
    result = solve(request)
    return result, time.perf_counter() - started


# What each column runs: swaps only (the solver before exact steps), swaps and the exact
# polish, and solve as shipped (exact up to EXACT_LIMIT members).
VARIANTS = {
    "swaps only": (0, 0),
    "swaps + polish": (0, pairing.POLISH_LIMIT),
    "shipped": (pairing.EXACT_LIMIT, pairing.POLISH_LIMIT),
}


def gaps(counts: Sequence[int], size: int, rounds: int, history: int) -> None:
    print(
        f"1. Gap to the exact optimum, groups of {size}, {rounds} rounds per n, {history} rounds"
        " of history: median / worst, share of rounds at the optimum, solve ms median / max"
    )
    print(f"{'n':>3} " + " ".join(f"{name:>34}" for name in VARIANTS))
    for count in counts:
        found: dict[str, list[float]] = {name: [] for name in VARIANTS}
        seconds: dict[str, list[float]] = {name: [] for name in VARIANTS}
        for number in range(rounds):
            request = round_of(count, size, 1_000 * count + number, history)
            best = optimum(request)
            if best is None or best <= 0:
                continue
            for name, setting in VARIANTS.items():
                with limits(*setting):
                    result, spent = timed(request)
                found[name].append(100 * (best - objective(request, result)) / best)
                seconds[name].append(spent)
        cells = [_summary(found[name], seconds[name]) for name in VARIANTS]
        print(f"{count:>3} " + " ".join(f"{cell:>34}" for cell in cells))


def _summary(gaps_found: list[float], seconds: list[float]) -> str:
    at_optimum = sum(gap < 1e-9 for gap in gaps_found) / len(gaps_found)
    return (
        f"{statistics.median(gaps_found):.2f} / {max(gaps_found):.2f} % {at_optimum:>4.0%}"
        f"  {1000 * statistics.median(seconds):.0f} / {1000 * max(seconds):.0f} ms"
    )


def speed(counts: Sequence[int], repeat: int) -> None:
    print(f"2. solve with the exact search allowed at every n, best of {repeat} runs, ms")
    print(f"{'n':>3} " + " ".join(f"{'size ' + str(size):>10}" for size in range(2, 7)))
    for count in counts:
        cells = []
        for size in range(2, 7):
            request = round_of(count, size, seed=count)
            with limits(count):
                best = min(timed(request)[1] for _ in range(repeat))
            cells.append(f"{1000 * best:>10.0f}")
        print(f"{count:>3} " + " ".join(cells))


def larger(counts: Sequence[int], repeat: int) -> None:
    print(
        f"3. solve as shipped at larger n (exact polish up to {pairing.POLISH_LIMIT} members,"
        f" six rounds of history), best of {repeat} runs, ms"
    )
    print(f"{'n':>5} " + " ".join(f"{'size ' + str(size):>10}" for size in range(2, 7)))
    for count in counts:
        cells = []
        for size in range(2, 7):
            request = round_of(count, size, seed=count)
            cells.append(f"{1000 * min(timed(request)[1] for _ in range(repeat)):>10.0f}")
        print(f"{count:>5} " + " ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["gaps", "speed", "larger"])
    parser.add_argument("--rounds", type=int, default=40, help="random rounds per n")
    parser.add_argument("--size", type=int, default=3, help="group size for the gaps")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per cell")
    args = parser.parse_args()
    if args.only in (None, "gaps"):
        for history in (0, 6):
            gaps([12, 13, 14, 15, 16, 17, 18], args.size, args.rounds, history)
    if args.only in (None, "speed"):
        speed([12, 13, 14, 15, 16, 17, 18], args.repeat)
    if args.only in (None, "larger"):
        larger([20, 30, 60, 100, 101, 300, 1_000], args.repeat)


if __name__ == "__main__":
    main()
