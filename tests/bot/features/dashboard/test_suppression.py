"""No count under five people is shown, and none can be worked out from the others."""

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.dashboard.suppression import THRESHOLD, column, pooled, shown


def test_small_counts_are_withheld() -> None:
    assert [shown(n) for n in (0, 1, 4, 5, 120)] == [None, None, None, 5, 120]


def test_one_withheld_cell_takes_the_smallest_other_with_it() -> None:
    assert column([40, 3, 12, 9]) == [40, None, 12, None]
    assert column([40, 3, 2, 9]) == [40, None, None, 9]
    assert column([7]) == [7]


@given(st.lists(st.integers(min_value=0, max_value=500), max_size=12))
def test_a_column_never_shows_a_small_count_nor_exactly_one_gap(counts: list[int]) -> None:
    result = column(counts)
    assert all(value is None or value >= THRESHOLD for value in result)
    assert all(value is None or value == count for value, count in zip(result, counts, strict=True))
    gaps = [index for index, value in enumerate(result) if value is None]
    assert len(gaps) != 1 or len(result) == 1


def test_a_department_of_four_is_pooled_with_the_next_smallest() -> None:
    own, pool = pooled([("Finance", 6), ("Legal", 4), ("IT", 5)])
    assert own == [("Finance", 6)]
    assert pool == ["IT", "Legal"]


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=8), st.integers(min_value=1, max_value=40), max_size=10
    )
)
def test_pooling_shows_no_group_under_five_and_a_pool_of_five_or_more(
    sizes: dict[str, int],
) -> None:
    own, pool = pooled(list(sizes.items()))
    assert all(size >= THRESHOLD for _, size in own)
    assert {name for name, _ in own} | set(pool) == set(sizes)
    pool_size = sum(sizes[name] for name in pool)
    assert not pool or pool_size >= THRESHOLD or not own
