"""The platform simulator's request rules, fuzzed: they answer, never raise."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offline_queue.sim.identity import synthetic_id
from offline_queue.sim.rules import (
    MAX_BATCH,
    BadRequest,
    BatchTooLarge,
    check_transaction,
    parse_batch,
    valid_id_number,
)


def test_superscript_digits_are_not_an_id_number() -> None:
    good = synthetic_id("110105", "19800101", "001")
    assert valid_id_number(good)
    assert not valid_id_number("²" + good[1:])  # "²".isdigit() is True; int("²") raised


@given(value=st.one_of(st.text(max_size=24), st.integers(), st.none()))
def test_valid_id_number_never_raises(value: object) -> None:
    assert valid_id_number(value) in (True, False)


@given(
    first17=st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=17, max_size=17),
    last=st.text(min_size=1, max_size=1),
)
def test_unicode_digits_never_pass(first17: str, last: str) -> None:
    if not first17.isascii():
        assert not valid_id_number(first17 + last)


def test_more_than_max_batch_is_too_large() -> None:
    txs = [{"id": str(i)} for i in range(MAX_BATCH + 1)]
    with pytest.raises(BatchTooLarge):
        parse_batch({"transactions": txs})
    assert len(parse_batch({"transactions": txs[:MAX_BATCH]})) == MAX_BATCH


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)


@given(doc=_json)
def test_any_body_parses_or_is_a_bad_request(doc: Any) -> None:
    try:
        txs = parse_batch(doc)
    except BadRequest:
        return
    for tx in txs:
        assert check_transaction(tx) is None or isinstance(check_transaction(tx), str)


@given(
    payload=st.dictionaries(
        st.sampled_from(["application_no", "id_number", "name", "amount_fen", "level"]), _json
    ),
    kind=st.sampled_from(["id_card_reissue", "payment", "rating", "other"]),
)
def test_any_payload_is_judged_without_raising(payload: dict[str, Any], kind: str) -> None:
    tx = {
        "id": "3f1c2a9e-4b7d-4c1e-9a2b-7d5e6f8a9b0c",
        "type": kind,
        "created_at": "2026-11-22T21:14:03+08:00",
        "payload": payload,
    }
    reason = check_transaction(tx)
    assert reason is None or reason.startswith("payload.")
