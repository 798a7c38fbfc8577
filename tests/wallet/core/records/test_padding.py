"""The size-class rule: a pure length function, checked by its properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wallet.core.records import padding

LENGTHS = st.integers(min_value=0, max_value=1 << 34)


@given(LENGTHS)
def test_a_class_holds_the_length_within_a_quarter_above_the_floor(length: int) -> None:
    cls = padding.size_class(length)
    assert cls >= length and cls >= padding.FLOOR
    if length > padding.FLOOR:
        assert cls - length < length / 4  # at most 25 % overhead
    else:
        assert cls == padding.FLOOR


@given(LENGTHS)
def test_classes_are_fixed_points_and_monotone(length: int) -> None:
    cls = padding.size_class(length)
    assert padding.size_class(cls) == cls
    assert padding.size_class(length + 1) >= cls


@given(LENGTHS)
def test_a_class_keeps_only_three_significant_bits(length: int) -> None:
    cls = padding.size_class(length)
    assert cls == padding.FLOOR or (cls >> (cls.bit_length() - 3)) << (cls.bit_length() - 3) == cls


@given(st.integers(min_value=padding.FLOOR, max_value=1 << 34))
def test_largest_class_at_most_is_the_class_just_below(limit: int) -> None:
    cls = padding.largest_class_at_most(limit)
    assert cls <= limit and padding.size_class(cls) == cls
    assert padding.size_class(cls + 1) > limit


def test_four_classes_per_power_of_two() -> None:
    classes = {padding.size_class(n) for n in range(1 << 20, (7 << 18) + 1)}
    assert classes == {1 << 20, 5 << 18, 6 << 18, 7 << 18}
    assert {padding.size_class(n) for n in range(0, 4097)} == {4096}


@given(st.integers(min_value=2, max_value=1 << 34))
def test_padme_reference_leaks_at_most_twelve_percent(length: int) -> None:
    cls = padding.padme(length)
    assert length <= cls <= length * 1.12 + 1


def test_negative_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        padding.size_class(-1)
    with pytest.raises(ValueError):
        padding.largest_class_at_most(100)
