"""The listener list: add, remove once, snapshots that later changes leave alone."""

from __future__ import annotations

from collections.abc import Callable

from drivers.listeners import Listeners


def test_a_snapshot_keeps_what_was_there_when_it_was_taken() -> None:
    listeners: Listeners[Callable[[int], None]] = Listeners()
    seen: list[str] = []

    def first(n: int) -> None:
        seen.append(f"first {n}")
        listeners.add(second)  # added while being told: not told this time

    def second(n: int) -> None:
        seen.append(f"second {n}")

    listeners.add(first)
    for listener in listeners.snapshot():
        listener(1)
    assert seen == ["first 1"]
    assert listeners.snapshot() == (first, second)


def test_remove_takes_one_and_ignores_the_unknown() -> None:
    listeners: Listeners[Callable[[], None]] = Listeners()

    def a() -> None: ...

    def b() -> None: ...

    listeners.add(a)
    listeners.add(a)
    listeners.remove(a)
    listeners.remove(b)
    assert listeners.snapshot() == (a,)
