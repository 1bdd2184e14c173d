"""The simulated reader as a driver and standalone, with its scenarios."""

from __future__ import annotations

import os

import pytest

from drivers.idcard import on_simulator as idsim
from drivers.idcard import protocol as p
from drivers.idcard.events import CardRead, CardReadFailed
from drivers.idcard.on_simulator import SimulatedSamReader, SimulatedSamReaderSettings
from drivers.idcard.profiles import PROFILES
from tests.drivers.simulators import assert_unknown_scenario_refused, standalone_link


def test_scenarios_cover_the_issue_list() -> None:
    names = set(idsim.SCENARIOS)
    assert {"no_card", "card", "read_failure", "checksum_errors", "garbage", "slow"} <= names
    assert {"unplug_replug", "card:dot_name", "card:rare_char", "card:foreigner"} <= names
    assert all(isinstance(v, str) and v for v in idsim.SCENARIOS.values())


def test_standalone_simulator_serves_on_a_pty() -> None:
    standalone = idsim.start_standalone("card")
    with standalone_link(standalone) as link:
        link.write(p.encode_request(p.FIND_CARD))
        assert link.read_exact(15, 2.0)[7:10] == b"\x00\x00\x9f"
    assert not os.path.exists(standalone.address)


def test_unknown_scenario_is_refused() -> None:
    assert_unknown_scenario_refused(idsim.start_standalone, SimulatedSamReaderSettings)


def test_simulated_reader_exposes_its_simulator() -> None:
    reader = SimulatedSamReader(SimulatedSamReaderSettings(pace_baud=0, poll_interval_s=0.02))
    got: list[CardRead] = []
    reader.add_listener(lambda e: got.append(e) if isinstance(e, CardRead) else None)
    reader.open()
    try:
        reader.simulator.place_card("rare_char")
        assert reader.simulator.wait_requests(p.READ_TEXT_PHOTO.name, 1)
        assert reader.simulator.wait_for(lambda s: bool(got))
        assert got[0].card.name == PROFILES["rare_char"].fields["name"]
        assert got[0].card.photo is not None  # the simulator's photo decoder is the default
    finally:
        reader.close()
    assert not reader.simulator.running


@pytest.mark.parametrize("scenario", ["card:long_term", "read_failure"])
def test_reader_scenarios(scenario: str) -> None:
    reader = SimulatedSamReader(
        SimulatedSamReaderSettings(pace_baud=0, poll_interval_s=0.02, scenario=scenario)
    )
    events: list[object] = []
    reader.add_listener(events.append)
    reader.open()
    try:
        wanted = CardRead if scenario.startswith("card") else CardReadFailed
        assert reader.simulator.wait_for(lambda s: any(isinstance(e, wanted) for e in events))
    finally:
        reader.close()
