"""Why a group was formed, in each reader's language: the English is the solver's own words
for any parts, French has its own, and a group stored before parts were kept keeps its words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.coffee import reasons
from guildbot.bot.features.coffee.reasons import group_reason, not_placed, stored_parts
from guildbot.bot.i18n import Language, catalogue
from guildbot.matching.pairing import ALONE_WORDS, Alone, ReasonPart, Why, reason_words

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
sizes = st.integers(min_value=2, max_value=6)


@st.composite
def parts(draw: st.DrawFn) -> ReasonPart:
    why = draw(st.sampled_from(list(Why)))
    size = draw(sizes)
    if why is Why.TWO_DEPARTMENTS:
        return ReasonPart(why, 2, names=(draw(words), draw(words)))
    if why is Why.ONE_DEPARTMENT:
        return ReasonPart(why, 2, names=(draw(words),))
    if why is Why.DEPARTMENTS:
        names = tuple(draw(st.lists(words, min_size=1, max_size=size)))
        return ReasonPart(why, size, len(names), names)
    if why is Why.MET:
        return ReasonPart(why, size, draw(st.integers(min_value=1, max_value=60)))
    if why is Why.SOME_HOURS:
        return ReasonPart(why, size, draw(st.sampled_from([0.5, 1.0, 2.25, 4.5, 7.5])))
    if why in (Why.SHARED_SKILLS, Why.COMPLEMENTARY):
        return ReasonPart(why, size, names=tuple(draw(st.lists(words, min_size=1, max_size=4))))
    return ReasonPart(why, size)


@given(st.lists(parts(), min_size=1, max_size=6))
def test_the_english_is_the_solvers_own_words_for_any_parts(given: list[ReasonPart]) -> None:
    assert group_reason(Language.EN, given, "").plain() == reason_words(given)


@given(st.lists(parts(), min_size=1, max_size=6))
def test_french_is_written_for_any_parts_and_keeps_peoples_words(given: list[ReasonPart]) -> None:
    french = group_reason(Language.FR, given, "").plain()
    for part in given:
        for name in part.names:
            assert name in french
    for part in given:
        if part.why is not Why.TWO_DEPARTMENTS:  # "A × B" in every language
            assert group_reason(Language.FR, (part,), "").plain() != reason_words((part,))


def test_a_pair_and_a_group_in_french() -> None:
    pair = (
        ReasonPart(Why.TWO_DEPARTMENTS, 2, names=("Finances", "Santé")),
        ReasonPart(Why.NEVER_MET, 2),
        ReasonPart(Why.SOME_HOURS, 2, 7.5),
        ReasonPart(Why.SHARED_SKILLS, 2, names=("python", "sql")),
    )
    assert group_reason(Language.FR, pair, "").plain() == (
        "Finances × Santé ; première rencontre ; 7,5\u00a0h de travail en commun ; "
        "compétences communes : python, sql"
    )
    group = (
        ReasonPart(Why.DEPARTMENTS, 3, 3, ("A", "B", "C")),
        ReasonPart(Why.MET, 3, 1),
        ReasonPart(Why.FOLDED, 3),
    )
    assert group_reason(Language.FR, group, "").plain() == (
        "3 services : A, B, C ; deux membres déjà réunis lors de la ronde précédente ; "
        "groupe de 3 pour n'exclure personne"
    )


def test_peoples_words_in_a_reason_are_never_read_as_markup() -> None:
    part = ReasonPart(Why.ONE_DEPARTMENT, 2, names=("*R&D* <b>{x}</b>",))
    assert group_reason(Language.FR, (part,), "").plain() == "même service (*R&D* <b>{x}</b>)"


def test_a_group_stored_before_parts_were_kept_shows_its_english_words() -> None:
    assert group_reason(Language.FR, (), "Finance × Health; never met").plain() == (
        "Finance × Health; never met"
    )


@given(st.lists(parts(), max_size=6))
def test_stored_parts_come_back_as_they_were(given: list[ReasonPart]) -> None:
    assert stored_parts([part.as_json() for part in given]) == tuple(given)


stored = st.recursive(
    st.none() | st.booleans() | st.integers() | words,
    lambda inner: st.lists(inner) | st.dictionaries(words, inner),
)


@given(stored)
def test_anything_else_stored_gives_no_parts_and_never_raises(data: object) -> None:
    assert isinstance(stored_parts(data), tuple)


def test_stored_numbers_that_no_round_gives_are_refused() -> None:
    for number in (float("nan"), float("inf"), -1, True, "3"):
        assert stored_parts([{"why": "met", "size": 2, "number": number, "names": []}]) == ()
    for size in (True, 1, -2, 2.0):
        assert stored_parts([{"why": "never-met", "size": size, "number": 0, "names": []}]) == ()


hostile = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), words, st.lists(words), st.just(10**400)
)
stored_part = st.fixed_dictionaries(
    {
        "why": st.sampled_from([w.value for w in Why]) | hostile,
        "size": st.integers(min_value=-5, max_value=10**40) | hostile,
        "number": st.floats() | st.integers(max_value=10**40) | hostile,
        "names": st.lists(words, max_size=60) | hostile,
    }
)


@given(st.lists(stored_part, max_size=4))
def test_any_stored_parts_are_written_or_refused_never_raising(data: list[object]) -> None:
    for language in Language:
        assert group_reason(language, stored_parts(data), "old words").plain()


def test_a_damaged_part_drops_them_all_rather_than_telling_half_the_reason() -> None:
    good = ReasonPart(Why.NEVER_MET, 2).as_json()
    assert stored_parts([good, {"why": "bribed", "size": 2, "number": 0, "names": []}]) == ()


def test_why_someone_was_not_placed_in_both_languages() -> None:
    for why in Alone:
        assert not_placed(Language.EN, why).plain() == ALONE_WORDS[why]
        assert not_placed(Language.FR, why).plain() != ALONE_WORDS[why]


def test_every_kind_has_its_message_in_both_languages_and_no_message_is_left_over() -> None:
    ids = {*reasons._PART.values(), *reasons._ALONE.values(), "coffee-reason-separator"}
    assert set(reasons._PART) == set(Why) and set(reasons._ALONE) == set(Alone)
    for language in Language:
        known = catalogue().ids(language)
        assert ids <= known
        assert {i for i in known if i.startswith(("coffee-reason-", "coffee-alone-"))} == ids
