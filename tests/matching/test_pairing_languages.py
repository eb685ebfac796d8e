"""Languages in coffee pairing: a shared working language when the program asks for one, and
second-language practice partners for those who ask."""

from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.matching.pairing import Candidate, PairingRequest, solve

EN, FR, BOTH = frozenset({"en"}), frozenset({"fr"}), frozenset({"en", "fr"})


def pairs_of(request: PairingRequest) -> set[frozenset[str]]:
    return {frozenset(group.members) for group in solve(request).groups}


def test_with_a_shared_language_nobody_is_paired_with_someone_they_cannot_talk_to() -> None:
    # Departments push English speakers towards French speakers; the language wins.
    members = [
        Candidate("a", "Finance", languages=EN),
        Candidate("b", "Finance", languages=EN),
        Candidate("c", "Health", languages=FR),
        Candidate("d", "Health", languages=FR),
    ]
    assert pairs_of(PairingRequest(members)) == {frozenset("ac"), frozenset("bd")} or (
        pairs_of(PairingRequest(members)) == {frozenset("ad"), frozenset("bc")}
    )
    assert pairs_of(PairingRequest(members, shared_language=True)) == {
        frozenset("ab"),
        frozenset("cd"),
    }


def test_a_bilingual_member_or_one_who_did_not_say_fits_anyone() -> None:
    members = [
        Candidate("a", "Finance", languages=EN),
        Candidate("b", "Health", languages=BOTH),
        Candidate("c", "Finance", languages=FR),
        Candidate("d", "Health"),
    ]
    for seed in range(5):
        pairs = pairs_of(PairingRequest(members, seed=seed, shared_language=True))
        assert frozenset("ac") not in pairs  # English only with French only: never
        assert len(pairs) == 2


def test_someone_practising_french_meets_someone_who_works_in_it() -> None:
    members = [
        Candidate("a", "Finance", languages=EN, practice="fr"),
        Candidate("b", "Health", languages=EN),
        Candidate("c", "Health", languages=BOTH),
        Candidate("d", "Finance", languages=EN),
    ]
    assert frozenset("ac") in pairs_of(PairingRequest(members, shared_language=True))


def test_when_nothing_else_works_people_are_still_paired() -> None:
    members = [Candidate("a", languages=EN), Candidate("b", languages=FR)]
    assert pairs_of(PairingRequest(members, shared_language=True)) == {frozenset("ab")}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Finance", "Health", "Transport"]),
            st.sampled_from([EN, FR, BOTH, frozenset()]),
            st.sampled_from(["", "en", "fr"]),
        ),
        min_size=2,
        max_size=24,
    ),
    st.integers(0, 3),
)
def test_everyone_is_placed_once_whatever_the_languages(
    people: list[tuple[str, frozenset[str], str]], seed: int
) -> None:
    members = [
        Candidate(str(k), department, languages=spoken, practice=practice)
        for k, (department, spoken, practice) in enumerate(people)
    ]
    result = solve(PairingRequest(members, seed=seed, shared_language=True))
    placed = [m for group in result.groups for m in group.members]
    placed += [u.id for u in result.unmatched]
    assert sorted(placed) == sorted(m.id for m in members)
    # Whenever a round can keep everyone with someone they share a language with, it does.
    if all(not m.languages or "en" in m.languages for m in members):
        assert all(
            any(
                not members[int(x)].languages or not members[int(y)].languages or
                members[int(x)].languages & members[int(y)].languages
                for y in group.members if y != x
            )
            for group in result.groups
            for x in group.members
        )  # fmt: skip
