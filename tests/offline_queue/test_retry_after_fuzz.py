"""Retry-After from a hostile or broken platform: any header text gives a bounded wait or none."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from offline_queue.client import RETRY_AFTER_CAP_S, parse_retry_after

HEADERS = st.one_of(
    st.text(max_size=80),
    st.from_regex(r"\A[0-9]{1,30}\Z"),
    st.sampled_from(
        ["²", "١٢", "1e9", "-5", " 7 ", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999"]
    ),
)


@given(HEADERS, st.floats(min_value=0, max_value=4e9))
def test_any_retry_after_is_a_bounded_wait_or_none(value: str, now: float) -> None:
    seconds = parse_retry_after(value, now=now)
    assert seconds is None or 0.0 <= seconds <= RETRY_AFTER_CAP_S


@given(st.integers(min_value=0, max_value=10**30))
def test_delta_seconds_are_taken_and_clamped(delta: int) -> None:
    assert parse_retry_after(str(delta)) == min(float(delta), RETRY_AFTER_CAP_S)
