"""Sessions: one at a time, and their personal data is wiped however they end."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.visit.session import EndReason, SessionData, SessionManager


@pytest.mark.parametrize("reason", list(EndReason))
def test_end_wipes_personal_data(reason: EndReason) -> None:
    sessions = SessionManager()
    session = sessions.start("id_card_reissue")
    photo = bytearray(b"\xff\xd8jpeg-bytes")
    frame = np.full((4, 4, 3), 200, dtype=np.uint8)
    fields = {"id_number": "11010519491231002X", "name": "张三"}
    session.data["photo"] = photo
    session.data["frame"] = frame
    session.data["fields"] = fields
    seen: list[tuple[str, EndReason, int]] = []
    sessions.add_end_listener(lambda s, r: seen.append((s.id, r, len(s.data))))

    ended = sessions.end(reason)

    assert ended is session and sessions.current is None
    assert seen == [(session.id, reason, 3)]  # listeners see the data before the wipe
    assert len(session.data) == 0
    assert photo == bytearray(len(photo))
    assert not frame.any()
    assert fields == {}
    assert sessions.counts[reason.value] == 1


def test_starting_a_new_session_cancels_the_old_one() -> None:
    sessions = SessionManager()
    first = sessions.start("a")
    first.data["photo"] = bytearray(b"abc")
    second = sessions.start("b")
    assert first.ended is EndReason.CANCELLED and len(first.data) == 0
    assert sessions.current is second
    assert sessions.counts == {
        "started": 2,
        "completed": 0,
        "cancelled": 1,
        "timeout": 0,
        "shutdown": 0,
    }


def test_wipe_happens_even_if_a_listener_fails() -> None:
    sessions = SessionManager()
    session = sessions.start("a")
    session.data["photo"] = bytearray(b"abc")

    def boom(*_: object) -> None:
        raise RuntimeError("listener bug")

    sessions.add_end_listener(boom)
    sessions.end(EndReason.TIMEOUT)
    assert len(session.data) == 0


def test_repr_hides_values() -> None:
    data = SessionData()
    data["name"] = "张三"
    assert "张三" not in repr(data) and "name" in repr(data)


def test_ending_without_a_session_is_harmless() -> None:
    assert SessionManager().end(EndReason.TIMEOUT) is None
