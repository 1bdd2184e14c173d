"""Work handed from other threads reaches the GUI thread intact.

Also a guard against the PySide6 6.12.0 regression in which emitting a signal
from a Python thread corrupts reference counts and kills the process.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

from pytestqt.qtbot import QtBot

from ui.executor import GuiExecutor
from ui.gui_post import GuiPoster

N = 2000


def test_posts_from_many_threads_all_run_on_the_gui_thread(qtbot: QtBot) -> None:
    poster = GuiPoster()
    gui = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def worker(base: int) -> None:
        for i in range(N // 4):
            poster.post(lambda i=i: seen.append((base + i, threading.get_ident())))

    threads = [threading.Thread(target=worker, args=(k * N,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    qtbot.waitUntil(lambda: len(seen) == N, timeout=10_000)
    assert {ident for _, ident in seen} == {gui}
    assert len({value for value, _ in seen}) == N


def test_executor_delivers_results_and_errors_on_the_gui_thread(qtbot: QtBot) -> None:
    executor = GuiExecutor()
    gui = threading.get_ident()
    results: list[tuple[object, int]] = []

    def done(future: Future) -> None:
        results.append((future.exception() or future.result(), threading.get_ident()))

    def boom() -> None:
        raise ValueError("device failed")

    for i in range(N):
        executor.run(lambda i=i: i, done)
    executor.run(boom, done)
    qtbot.waitUntil(lambda: len(results) == N + 1, timeout=20_000)
    executor.shutdown()
    assert {ident for _, ident in results} == {gui}
    assert sorted(r for r, _ in results if isinstance(r, int)) == list(range(N))
    assert any(isinstance(r, ValueError) for r, _ in results)


def test_a_shut_down_executor_delivers_nothing_more(qtbot: QtBot) -> None:
    # A closing window's late results would run against a stopped core.
    executor = GuiExecutor()
    release = threading.Event()
    delivered: list[object] = []
    executor.run(lambda: release.wait(5), delivered.append)
    release.set()
    executor.shutdown()  # the work finishes; its result is dropped
    poster = GuiPoster()
    poster.close()
    poster.post(lambda: delivered.append("late"))
    qtbot.wait(50)
    assert delivered == []
