"""UUIDv7 ids and the full-jitter backoff bounds."""

from __future__ import annotations

import time
import uuid

from hypothesis import given
from hypothesis import strategies as st

from offline_queue.backoff import RETRY_AFTER_MAX_S, retry_delay_s
from offline_queue.ids import is_uuid, uuid7, uuid7_str


def test_uuid7_layout_and_order() -> None:
    before = time.time_ns() // 1_000_000
    ids = [uuid7() for _ in range(200)]
    after = time.time_ns() // 1_000_000
    assert len(set(ids)) == 200
    for u in ids:
        assert u.version == 7 and u.variant == uuid.RFC_4122
        assert before <= u.int >> 80 <= after
        assert is_uuid(str(u))
    # Time-ordered to the millisecond.
    stamps = [u.int >> 80 for u in ids]
    assert stamps == sorted(stamps)


def test_uuid7_str_is_the_same_layout() -> None:
    texts = [uuid7_str() for _ in range(100)]
    for text in texts:
        u = uuid.UUID(text)
        assert str(u) == text and u.version == 7 and u.variant == uuid.RFC_4122
    assert len(set(texts)) == 100


def test_is_uuid_wants_the_canonical_form() -> None:
    u = str(uuid7())
    assert is_uuid(u)
    assert not is_uuid(u.upper())
    assert not is_uuid(u.replace("-", ""))
    assert not is_uuid("not-a-uuid")


@given(
    attempts=st.integers(min_value=0, max_value=10_000),
    base=st.floats(min_value=0.001, max_value=10),
    cap=st.floats(min_value=0.01, max_value=3600),
    u=st.floats(min_value=0, max_value=0.999999),
    retry_after=st.one_of(st.none(), st.floats(min_value=0, max_value=10**7)),
)
def test_full_jitter_bounds(
    attempts: int, base: float, cap: float, u: float, retry_after: float | None
) -> None:
    d = retry_delay_s(attempts, base, cap, u, retry_after)
    ceiling = min(cap, base * 2.0 ** min(max(attempts, 1) - 1, 62))
    floor = 0.0 if retry_after is None else min(retry_after, RETRY_AFTER_MAX_S)
    assert d >= floor
    assert d <= max(ceiling, floor)


def test_backoff_grows_then_caps() -> None:
    delays = [retry_delay_s(n, 2.0, 600.0, 0.999) for n in range(1, 15)]
    assert delays[0] < 2.0 and delays[5] > 60
    assert max(delays) <= 600.0
