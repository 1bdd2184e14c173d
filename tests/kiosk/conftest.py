from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes import install_fake_drivers, remove_fake_drivers


@pytest.fixture(autouse=True)
def fake_drivers() -> Iterator[None]:
    install_fake_drivers()
    yield
    remove_fake_drivers()
