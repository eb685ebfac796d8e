"""The pairing solver: everyone placed once, sizes right, never-pairs hard, reproducible."""

import json
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date, datetime
from itertools import combinations

import networkx as nx
import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.matching import pairing
from guildbot.matching.exact_groups import best_partition
from guildbot.matching.pairing import (
    MAX_GROUP_SIZE,
    MIN_GROUP_SIZE,
    NEVER,
    Candidate,
    Pairing,
    PairingInputError,
    PairingRequest,
    PastRound,
    from_mapping,
    group_sizes,
    max_weight_pairs,
    problem_for,
    solve,
    to_mapping,
)

DEPARTMENTS = ("Finance", "Health", "Transport", "")
ZONES = ("America/Toronto", "America/Vancouver", "Europe/Paris", "Asia/Tokyo")
SKILLS = ("python", "excel", "gis", "sql", "plain language")


@st.composite
def requests(draw: st.DrawFn, with_never: bool = False) -> PairingRequest:
    count = draw(st.integers(min_value=0, max_value=40))
    ids = [f"m{i}" for i in range(count)]
    members = [
        Candidate(
            member_id,
            draw(st.sampled_from(DEPARTMENTS)),
            draw(st.sampled_from(ZONES)),
            frozenset(draw(st.sets(st.sampled_from(SKILLS), max_size=3))),
        )
        for member_id in ids
    ]
    history = []
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        shuffled = draw(st.permutations(ids))
        groups = tuple(tuple(shuffled[i : i + 2]) for i in range(0, len(shuffled) - 1, 2))
        history.append(PastRound(f"2026-0{index + 1}-01", groups))
    never: list[tuple[str, str]] = []
    if with_never and count >= 2:
        pairs = draw(
            st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=count)
        )
        never = [(a, b) for a, b in pairs if a != b]
    return PairingRequest(
        members,
        group_size=draw(st.integers(min_value=2, max_value=6)),
        seed=draw(st.integers(min_value=0, max_value=2**32)),
        history=history,
        never=never,
    )


def placed(result_groups: object) -> list[str]:
    return [member for group in result_groups for member in group.members]  # type: ignore[attr-defined]


@settings(max_examples=80, deadline=None)
@given(requests())
def test_everyone_is_placed_once_in_groups_of_the_right_sizes(request: PairingRequest) -> None:
    result = solve(request)
    ids = sorted(m.id for m in request.members)
    everyone = placed(result.groups) + [u.id for u in result.unmatched]
    assert sorted(everyone) == ids
    if len(ids) >= 2:
        assert result.unmatched == ()
        sizes = sorted((len(g.members) for g in result.groups), reverse=True)
        assert sizes == group_sizes(len(ids), request.group_size)
    else:
        assert result.groups == ()
    for group in result.groups:
        assert group.reason
    assert result.total == pytest.approx(sum(g.score for g in result.groups))


@settings(max_examples=80, deadline=None)
@given(requests(with_never=True))
def test_never_pairs_are_never_grouped_and_nobody_is_lost(request: PairingRequest) -> None:
    result = solve(request)
    forbidden = {frozenset(pair) for pair in request.never}
    for group in result.groups:
        members = group.members
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                assert frozenset((a, b)) not in forbidden
    everyone = placed(result.groups) + [u.id for u in result.unmatched]
    assert sorted(everyone) == sorted(m.id for m in request.members)
    assert all(u.reason for u in result.unmatched)


@settings(max_examples=40, deadline=None)
@given(requests(with_never=True), st.randoms(use_true_random=False))
def test_same_seed_same_groups_whatever_the_member_order(
    request: PairingRequest, shuffler: random.Random
) -> None:
    first = solve(request)
    members = list(request.members)
    shuffler.shuffle(members)
    again = solve(
        PairingRequest(
            members,
            request.group_size,
            request.seed,
            request.history,
            request.never,
        )
    )
    assert again == first


def balanced(count: int, groups: int) -> list[int]:
    """`count` people in `groups` groups whose sizes differ by at most one, largest first."""
    return [count // groups + (k < count % groups) for k in range(groups)]


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=2, max_value=6))
def test_group_sizes_are_within_one_of_the_size_and_two_to_six(count: int, size: int) -> None:
    sizes = group_sizes(count, size)
    assert sum(sizes) == (count if count >= 2 else 0)
    if count < 2:
        return
    assert sizes == sorted(sizes, reverse=True)
    assert max(sizes) - min(sizes) <= 1
    assert MIN_GROUP_SIZE <= min(sizes) <= max(sizes) <= MAX_GROUP_SIZE
    if count < size:
        assert sizes == [count]
        return
    # Sizes from size - 1 to size + 1 whenever some balanced split allows it,
    lowest, highest = max(size - 1, MIN_GROUP_SIZE), min(size + 1, MAX_GROUP_SIZE)
    splits = [balanced(count, g) for g in range(1, count // MIN_GROUP_SIZE + 1)]
    if any(lowest <= min(split) and max(split) <= highest for split in splits):
        assert lowest <= min(sizes) and max(sizes) <= highest
    # and larger groups rather than smaller ones when the remainder can be folded in.
    folded = balanced(count, count // size)
    if max(folded) <= highest:
        assert sizes == folded
    if size == 2:
        assert sizes.count(3) == count % 2
        assert set(sizes) <= {2, 3}


@pytest.mark.parametrize(
    ("count", "size", "expected"),
    [
        (11, 6, [6, 5]),  # these five were one group (11, 9, 7, 5) or 9 + 8 before
        (17, 6, [6, 6, 5]),
        (9, 5, [5, 4]),
        (7, 4, [4, 3]),
        (5, 3, [3, 2]),
        (7, 6, [4, 3]),  # 7 is more than 6: two groups, as even as they go
        (13, 6, [5, 4, 4]),
        (7, 3, [4, 3]),  # a remainder that fits is folded in, as before
        (13, 3, [4, 3, 3, 3]),
        (9, 2, [3, 2, 2, 2]),
    ],
)
def test_people_who_do_not_divide_evenly_form_groups_within_one_of_the_size(
    count: int, size: int, expected: list[int]
) -> None:
    assert group_sizes(count, size) == expected
    members = [Candidate(f"m{i:02d}", f"D{i % 4}", ZONES[i % 3]) for i in range(count)]
    for seed in range(3):
        result = solve(PairingRequest(members, size, seed=seed))
        assert result.unmatched == ()
        assert sorted((len(g.members) for g in result.groups), reverse=True) == expected


def honest(request: PairingRequest, result: Pairing) -> None:
    """Everyone is in one group or told why, and the reason is true: each group the sizes
    leave room in has someone on their never-pair list."""
    everyone = placed(result.groups) + [u.id for u in result.unmatched]
    assert sorted(everyone) == sorted(m.id for m in request.members)
    never = {frozenset(pair) for pair in request.never}
    room = min(request.group_size + 1, max(request.group_size, MAX_GROUP_SIZE))
    for unmatched in result.unmatched:
        assert unmatched.reason
        for group in result.groups:
            if len(group.members) < room:
                assert any(frozenset((unmatched.id, m)) in never for m in group.members)


@st.composite
def crowded(draw: st.DrawFn) -> PairingRequest:
    """Rounds above the exact search's limit with many never-pairs (up to three a member)
    among people alike, where the last ones left to group may all be on each other's lists."""
    count = draw(st.integers(min_value=16, max_value=40))
    ids = [f"m{i}" for i in range(count)]
    zone = draw(st.sampled_from(ZONES))
    members = [Candidate(i, draw(st.sampled_from(DEPARTMENTS[:2])), zone) for i in ids]
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3 * count)
    )
    return PairingRequest(
        members,
        draw(st.integers(min_value=2, max_value=6)),
        draw(st.integers(min_value=0, max_value=3)),
        never=[(a, b) for a, b in pairs if a != b],
    )


@settings(max_examples=150, deadline=None)
@given(st.one_of(requests(with_never=True), crowded()))
def test_no_group_is_over_the_size_and_sizes_differ_by_one_at_most(
    request: PairingRequest,
) -> None:
    result = solve(request)
    honest(request, result)
    lengths = [len(g.members) for g in result.groups]
    if lengths:
        size = request.group_size
        assert max(lengths) <= min(size + 1, max(size, MAX_GROUP_SIZE))
        assert max(lengths) - min(lengths) <= 1


@pytest.mark.parametrize(
    ("count", "size", "never", "expected"),
    [
        # The last six left all on each other's lists: they were folded into the others (9 + 9).
        (18, 6, [("m0", "m4"), ("m2", "m5"), ("m3", "m4")], [6, 6, 6]),
        # One group of six cannot hold two never-pairs: two trios (all six were left out).
        (6, 5, [("m0", "m1"), ("m2", "m3")], [3, 3]),
    ],
)
def test_never_pairs_do_not_make_groups_over_the_size(
    count: int, size: int, never: list[tuple[str, str]], expected: list[int]
) -> None:
    members = [Candidate(f"m{i}", "Finance", "America/Toronto") for i in range(count)]
    request = PairingRequest(members, size, seed=0, never=never)
    result = solve(request)
    honest(request, result)
    assert result.unmatched == ()
    assert sorted((len(g.members) for g in result.groups), reverse=True) == expected


# The preview (one process) and the round (maybe another, after a restart) must agree: the
# solver may not depend on anything that differs between processes, such as the order in
# which a set of strings is iterated (PYTHONHASHSEED).
IN_A_PROCESS = """
import json, sys
from guildbot.matching.pairing import from_mapping, solve, to_mapping
print(json.dumps(to_mapping(solve(from_mapping(json.load(sys.stdin)))), sort_keys=True))
"""


@pytest.mark.parametrize("size", [2, 3, 6])
@pytest.mark.parametrize("count", [13, 40])
def test_a_request_gives_the_same_groups_in_every_process(size: int, count: int) -> None:
    rng = random.Random(count * 10 + size)
    request = {
        "group_size": size,
        "seed": 5,
        "members": [
            {
                "id": f"m{k}",
                "department": rng.choice(DEPARTMENTS),
                "timezone": rng.choice(ZONES),
                "skills": rng.sample(SKILLS, rng.randint(0, 3)),
            }
            for k in range(count)
        ],
        "history": [
            {
                "date": f"2026-10-0{day}",
                "groups": [[f"m{k}", f"m{k + 1}"] for k in range(0, count - 1, 2)],
            }
            for day in (1, 8)
        ],
        "never": [["m1", "m2"], ["m3", "m7"]],
    }
    outputs = set()
    for hash_seed in ("0", "1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", IN_A_PROCESS],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            timeout=120,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def brute_force_best(request: PairingRequest) -> float | None:
    """The best total over every partition into `group_sizes` (None if never-pairs forbid
    all), enumerated one by one: the lowest ungrouped member with every choice of others."""
    problem = problem_for(request)
    n = problem.n
    a, b = np.triu_indices(n, 1)
    pair = np.zeros((n, n))
    pair[a, b] = pair[b, a] = problem.scores(a, b, exact=True)
    best: list[float] = []

    def extend(ungrouped: tuple[int, ...], sizes: tuple[int, ...], total: float) -> None:
        if not ungrouped:
            best.append(total)
            return
        first, rest = ungrouped[0], ungrouped[1:]
        for size in set(sizes):
            left = list(sizes)
            left.remove(size)
            for others in combinations(rest, size - 1):
                group = (first, *others)
                pairs = [pair[x, y] for x, y in combinations(group, 2)]
                if min(pairs) > NEVER / 2:
                    remaining = tuple(x for x in rest if x not in others)
                    extend(remaining, tuple(left), total + sum(pairs) / (size - 1))

    extend(tuple(range(n)), tuple(group_sizes(n, request.group_size)), 0.0)
    return max(best) if best else None


def random_round(rng: random.Random, count: int, size: int) -> PairingRequest:
    """Members, two rounds of history in groups of `size` (someone may sit out) and a few
    never-pairs. Nobody had a group of another size, so nobody pays a rotation penalty: the
    reported total is all the solver maximises."""
    ids = [f"m{i:02d}" for i in range(count)]
    members = [
        Candidate(
            member_id,
            rng.choice(DEPARTMENTS),
            rng.choice(ZONES),
            frozenset(rng.sample(SKILLS, rng.randint(0, 3))),
        )
        for member_id in ids
    ]
    history = []
    for day in ("2026-09-01", "2026-09-15"):
        shuffled = rng.sample(ids, count)
        groups = tuple(tuple(shuffled[k : k + size]) for k in range(0, count - size + 1, size))
        history.append(PastRound(day, groups))
    never = [(a, b) for a, b in (rng.sample(ids, 2) for _ in range(rng.randint(0, 3)))]
    return PairingRequest(members, size, seed=rng.randint(0, 99), history=history, never=never)


def test_small_rounds_get_the_best_groups_there_are() -> None:
    rng = random.Random(14)
    checked = 0
    for _ in range(40):
        request = random_round(rng, rng.randint(6, 12), rng.choice([2, 3, 3, 4]))
        best = brute_force_best(request)
        result = solve(request)
        if best is None:  # the never-pairs leave no way to group everyone
            assert result.unmatched
            continue
        assert result.unmatched == ()
        assert result.total == pytest.approx(best, abs=1e-9)
        checked += 1
    assert checked >= 30


def test_rounds_above_the_exact_limit_are_near_the_optimum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(16)
    requests = [random_round(rng, count, 3) for count in (16, 16, 17, 17, 18, 18)]
    found = [solve(request) for request in requests]
    monkeypatch.setattr(pairing, "EXACT_LIMIT", 18)
    ratios = []
    for request, result in zip(requests, found, strict=True):
        best = solve(request)
        assert best.unmatched == result.unmatched == ()
        ratios.append(result.total / best.total)
    # Measured: 3 of 6 at the optimum, the worst 2.6 % below (member swaps alone, without the
    # exact polish: 1 of 6, the worst 3.4 % below).
    assert min(ratios) >= 0.97
    assert sum(r == pytest.approx(1.0) for r in ratios) >= 3


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 10), st.integers(2, 4), st.randoms(use_true_random=False))
def test_the_exact_search_finds_the_best_partition(
    count: int, size: int, rng: random.Random
) -> None:
    sizes = group_sizes(count, size)
    value = np.array([[rng.uniform(-1, 3) for _ in range(count)] for _ in range(count)])
    banned = {frozenset(rng.sample(range(count), 2)) for _ in range(rng.randint(0, 3))}

    def worth(group: tuple[int, ...]) -> float:
        if any(frozenset(p) in banned for p in combinations(group, 2)):
            return -np.inf
        return float(sum(value[a, b] * (a + 1) for a, b in combinations(group, 2))) / len(group)

    def values(rows: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        return np.array([worth(tuple(row)) for row in rows.tolist()], dtype=np.float64)

    def every_partition(people: tuple[int, ...], left: tuple[int, ...]) -> list[float]:
        if not people:
            return [0.0]
        totals = []
        for size_now in set(left):
            rest = list(left)
            rest.remove(size_now)
            for others in combinations(people[1:], size_now - 1):
                group = (people[0], *others)
                remaining = tuple(x for x in people if x not in group)
                totals += [worth(group) + t for t in every_partition(remaining, tuple(rest))]
        return totals

    feasible = [t for t in every_partition(tuple(range(count)), tuple(sizes)) if t > -np.inf]
    found = best_partition(count, sizes, values)
    if not feasible:
        assert found is None
        return
    assert found is not None
    groups, total = found
    assert sorted(x for g in groups for x in g) == list(range(count))
    assert sorted((len(g) for g in groups), reverse=True) == sizes
    assert total == pytest.approx(sum(worth(tuple(g)) for g in groups))
    assert total == pytest.approx(max(feasible))


def test_an_odd_count_makes_exactly_one_trio_and_it_rotates() -> None:
    rng = random.Random(21)
    members = [
        Candidate(f"m{i}", f"D{i % 5}", rng.choice(ZONES[:2]), frozenset(rng.sample(SKILLS, 2)))
        for i in range(21)
    ]
    history: list[PastRound] = []
    in_trios: Counter[str] = Counter()
    for round_number in range(6):
        result = solve(PairingRequest(members, 2, seed=round_number, history=history))
        sizes = sorted(len(g.members) for g in result.groups)
        assert sizes == [2] * 9 + [3]
        trio = next(g for g in result.groups if len(g.members) == 3)
        assert "so nobody is left out" in trio.reason
        in_trios.update(trio.members)
        history.append(
            PastRound(f"2026-01-{round_number + 1:02d}", tuple(g.members for g in result.groups))
        )
    # 6 trios have 18 places for 21 people: nobody should get a second one.
    assert max(in_trios.values()) == 1


def test_last_rounds_partner_is_avoided_and_cross_department_preferred() -> None:
    members = [
        Candidate("ana", "Finance"),
        Candidate("ben", "Health"),
        Candidate("cy", "Finance"),
        Candidate("di", "Health"),
    ]
    last = PastRound("2026-10-05", (("ana", "ben"), ("cy", "di")))
    result = solve(PairingRequest(members, 2, seed=1, history=[last]))
    assert {g.members for g in result.groups} == {("ana", "di"), ("ben", "cy")}
    for group in result.groups:
        assert "Finance × Health" in group.reason or "Health × Finance" in group.reason
        assert "never met" in group.reason


@pytest.mark.parametrize(
    ("latest", "older"),
    [
        ("2026-11-05", "20261001"),  # basic form: "20261001" > "2026-11-05" as strings
        ("2026-11-05", "2026-W40-4"),  # week form (Thursday 1 October): "W" > "1"
        ("20261105", "2026-10-01"),
        ("2026-W45-4", "2026-10-01"),
        (date(2026, 11, 5), "2026-10-01"),
        (datetime(2026, 11, 5, 9, 30), date(2026, 10, 1)),  # a datetime is a date too
    ],
)
def test_the_latest_round_is_the_latest_date_however_it_is_spelled(
    latest: str | date, older: str | date
) -> None:
    # a-d may never meet, so the round is either last round's pairs again or the older ones.
    members = [Candidate(x) for x in "abcd"]
    history = [
        PastRound(latest, (("a", "b"), ("c", "d"))),
        PastRound(older, (("a", "c"), ("b", "d"))),
    ]
    for rounds in (history, history[::-1]):
        result = solve(PairingRequest(members, 2, history=rounds, never=[("a", "d")]))
        assert [g.members for g in result.groups] == [("a", "c"), ("b", "d")]
        assert all("met 2 rounds ago" in g.reason for g in result.groups)


def test_history_dates_from_json_are_ordered_as_dates() -> None:
    request = from_mapping(
        {
            "members": [{"id": x} for x in "abcd"],
            "history": [
                {"date": "2026-W40-4", "groups": [["a", "c"], ["b", "d"]]},
                {"date": "20261105", "groups": [["a", "b"], ["c", "d"]]},
                {"date": "2026-10-15", "groups": [["a", "c"], ["b", "d"]]},
            ],
            "never": [["a", "d"]],
        }
    )
    assert [r.date for r in request.history] == [
        date(2026, 10, 1),
        date(2026, 11, 5),
        date(2026, 10, 15),
    ]
    result = solve(request)
    assert [g.reason.split("; ")[0] for g in result.groups] == ["met 2 rounds ago"] * 2


def test_a_past_round_with_a_date_that_does_not_parse_is_refused() -> None:
    members = [Candidate("a"), Candidate("b")]
    with pytest.raises(PairingInputError, match="past round #1: '5 Nov 2026' is not a date"):
        solve(PairingRequest(members, 2, history=[PastRound("5 Nov 2026", (("a", "b"),))]))


def test_someone_blocked_from_everyone_is_told_why() -> None:
    members = [Candidate("a"), Candidate("b"), Candidate("c")]
    result = solve(PairingRequest(members, 2, never=[("a", "b"), ("a", "c")]))
    assert [g.members for g in result.groups] == [("b", "c")]
    [alone] = result.unmatched
    assert alone.id == "a"
    assert "never-pair" in alone.reason


def test_one_member_alone_cannot_be_paired() -> None:
    result = solve(PairingRequest([Candidate("solo")], 2))
    assert result.groups == ()
    assert result.unmatched[0].reason == "no one else is taking part this round"


def test_bad_requests_are_refused() -> None:
    with pytest.raises(PairingInputError, match="between 2 and 6"):
        solve(PairingRequest([Candidate("a"), Candidate("b")], 7))
    with pytest.raises(PairingInputError, match="twice"):
        solve(PairingRequest([Candidate("a"), Candidate("a")], 2))
    with pytest.raises(PairingInputError, match="time zone"):
        solve(PairingRequest([Candidate("a", timezone="Mars/Base"), Candidate("b")], 2))


def test_json_shape_round_trips() -> None:
    request = from_mapping(
        {
            "group_size": 2,
            "seed": 7,
            "members": [
                {"id": "m1", "department": "Finance", "timezone": "America/Toronto"},
                {"id": "m2", "department": "Health", "timezone": "America/Toronto"},
                {"id": "m3", "department": "Health", "skills": ["excel"]},
                {"id": "m4", "department": "Transport", "skills": ["excel"]},
            ],
            "history": [{"date": "2026-10-05", "groups": [["m1", "m2"], ["m3", "m4"]]}],
            "never": [["m1", "m3"]],
        }
    )
    output = to_mapping(solve(request))
    assert output["unmatched"] == []
    groups = output["groups"]
    assert isinstance(groups, list)
    assert [g["members"] for g in groups] == [["m1", "m4"], ["m2", "m3"]]
    assert groups[0]["reason"].startswith("Finance × Transport; never met")
    assert isinstance(output["total"], float)
    with pytest.raises(PairingInputError, match="unknown member"):
        from_mapping({"members": [{"id": "m1"}], "never": [["m1", "m9"]]})
    with pytest.raises(PairingInputError, match="members"):
        from_mapping({"group_size": 2})


def test_matching_places_as_many_as_a_maximum_matching_and_is_near_optimal() -> None:
    ratios = []
    for trial in range(60):
        rng = random.Random(trial)
        n = rng.randint(2, 50)
        # Preference graphs are dense-ish (each member's 30 best partners).
        graph = nx.gnp_random_graph(n, rng.choice([0.3, 0.6]), seed=trial)
        edges = list(graph.edges())
        if not edges:
            continue
        weights = [rng.choice([1.0, 2.0, 2.5, 3.0]) + rng.random() for _ in edges]
        u = np.array([a for a, _ in edges], dtype=np.int64)
        v = np.array([b for _, b in edges], dtype=np.int64)
        mate = max_weight_pairs(n, u, v, np.array(weights), seed=trial)
        weight_of = {frozenset(e): w for e, w in zip(edges, weights, strict=True)}
        ours = 0.0
        for a in range(n):
            if mate[a] >= 0:
                assert mate[mate[a]] == a
                if a < mate[a]:
                    ours += weight_of[frozenset((a, int(mate[a])))]
        for a, b, w in zip(u, v, weights, strict=True):
            graph[int(a)][int(b)]["weight"] = w
        best = nx.max_weight_matching(graph, maxcardinality=True)
        assert int((mate >= 0).sum()) == 2 * len(best)
        ratios.append(ours / sum(weight_of[frozenset(e)] for e in best))
    assert min(ratios) >= 0.9
    assert sum(ratios) / len(ratios) >= 0.98


def test_variety_lets_another_seed_pick_other_near_optimal_groups() -> None:
    members = [Candidate(f"m{i:02d}", f"D{i % 4}", ZONES[i % 2]) for i in range(12)]
    exact = solve(PairingRequest(members, 2, seed=0))
    groupings = set()
    for seed in range(6):
        result = solve(PairingRequest(members, 2, seed=seed, variety=0.25))
        assert result == solve(PairingRequest(members, 2, seed=seed, variety=0.25))
        groupings.add(tuple(g.members for g in result.groups))
        # Reported scores never include the noise, and lose little against the optimum.
        for group in result.groups:
            pair = solve(PairingRequest([m for m in members if m.id in group.members], 2))
            assert group.score == pytest.approx(pair.total)
        assert result.total >= exact.total - 0.25 * len(result.groups)
    assert len(groupings) >= 3


# A round that never returned: scipy's LAPJVsp looped forever on fractional costs. Run in a
# child process, so that a regression fails this test instead of hanging the suite.
LOOPED_FOREVER = """
from guildbot.matching.pairing import Candidate, PairingRequest, PastRound, solve

people = [
    ("Health", "Toronto", "sql"), ("Health", "Paris", ""), ("Health", "Toronto", "sql"),
    ("Health", "Paris", "excel"), ("Health", "Toronto", "excel,gis,plain language"),
    ("Transport", "Paris", "excel,python"), ("Health", "Tokyo", ""),
    ("Finance", "Vancouver", "python,sql"), ("Finance", "Vancouver", "excel,sql"),
    ("", "Toronto", ""), ("Transport", "Paris", "gis"), ("Health", "Toronto", "excel,gis"),
    ("Health", "Toronto", "gis"), ("Finance", "Vancouver", "gis"),
    ("", "Paris", "plain language,python"), ("", "Paris", ""),
    ("Health", "Vancouver", "gis,python,sql"), ("", "Vancouver", ""), ("", "Toronto", ""),
    ("Finance", "Vancouver", "python"), ("", "Paris", "excel,plain language,python"),
    ("Finance", "Toronto", "plain language"), ("Finance", "Paris", "plain language,python,sql"),
]
zones = {"Toronto": "America/Toronto", "Paris": "Europe/Paris", "Tokyo": "Asia/Tokyo",
         "Vancouver": "America/Vancouver"}
members = [
    Candidate(f"m{i}", department, zones[city], frozenset(filter(None, skills.split(","))))
    for i, (department, city, skills) in enumerate(people)
]
rounds = [
    "13-8 15-3 2-6 5-7 12-11 10-18 16-4 9-17 14-0 20-22 19-1",
    "19-15 4-6 18-3 9-14 13-22 21-2 7-12 16-11 20-8 0-10 1-5",
    "19-7 11-20 10-16 14-15 4-13 12-21 6-18 2-5 22-9 1-0 17-8",
]
history = [
    PastRound(f"2026-0{k + 1}-01", tuple(
        tuple(f"m{x}" for x in pair.split("-")) for pair in groups.split()
    ))
    for k, groups in enumerate(rounds)
]
never = [("m21", "m9"), ("m18", "m11"), ("m11", "m12")]
result = solve(PairingRequest(members, 2, 2190082335, history, never))
print(len(result.groups), len(result.unmatched))
"""


def test_a_round_that_looped_forever_in_the_assignment_solver_returns() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOOPED_FOREVER],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["11", "0"]  # 23 people: ten pairs and a trio
