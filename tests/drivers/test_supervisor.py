"""The device supervisor: the hold-down rule, one worker per device, every kind under it.

The hold-down is measured with a fake clock the tests step; waits are for
events, each bounded by a timeout.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from drivers.base import (
    Actor,
    Device,
    DeviceState,
    DeviceStatus,
    DriverSettings,
    HealthLevel,
    StatusChanged,
)
from drivers.camera.on_simulator import SimulatedCamera
from drivers.camera.settings import SimulatedCameraSettings
from drivers.fingerprint.on_simulator import SimulatedFingerprintReader
from drivers.fingerprint.settings import SimulatedFingerprintReaderSettings
from drivers.hold_down import HoldDown
from drivers.idcard.sam import SamReader
from drivers.idcard.settings import SamReaderSettings
from drivers.idcard.simulator import SamSimulator
from drivers.payment.on_simulator import SimulatedPaymentGateway
from drivers.payment.settings import SimulatedPaymentGatewaySettings
from drivers.printer.on_simulator import SimulatedEscposPrinter
from drivers.printer.settings import SimulatedEscposPrinterSettings
from drivers.scanner.camera_scanner import CameraScanner
from drivers.scanner.serial_scanner import SerialScanner
from drivers.scanner.settings import CameraScannerSettings, SerialScannerSettings
from drivers.scanner.simulator import ScannerSimulator
from drivers.serial_link import PtyPort, SerialLink
from drivers.supervisor import SupervisedDevice
from tests.drivers.recorder import Recorder
from tests.fakes import Clock as FakeClock

WAIT_S = 10.0


ONLINE = DeviceStatus.online()
LOST = DeviceStatus.lost("port gone")
CARD = DeviceStatus(DeviceState.CARD_PRESENT, "CARD_PRESENT", "card read", Actor.NONE)
BUSY = DeviceStatus(DeviceState.BUSY, "OK", "printing", Actor.NONE)
PAPER_OUT = DeviceStatus(DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT", "no paper", Actor.STAFF)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0)


def online_hold_down(clock: FakeClock, hold_s: float = 2.0) -> HoldDown:
    hold = HoldDown(hold_s, clock)
    assert hold.offer(ONLINE) == ONLINE  # the first status after opening: at once
    return hold


# ---------------------------------------------------------------- the rule


def test_first_status_after_opening_is_reported_at_once(clock: FakeClock) -> None:
    assert HoldDown(2.0, clock).offer(LOST) == LOST


def test_a_blip_within_the_window_is_never_reported(clock: FakeClock) -> None:
    hold = online_hold_down(clock)
    assert hold.offer(LOST) is None
    clock.advance(0.5)
    assert hold.offer(ONLINE) is None
    clock.advance(10)
    assert hold.due() is None
    assert hold.reported == ONLINE and not hold.holding


def test_a_lasting_loss_is_reported_once_when_the_window_ends(clock: FakeClock) -> None:
    hold = online_hold_down(clock)
    assert hold.offer(LOST) is None
    clock.advance(1.9)
    assert hold.due() is None
    clock.advance(0.2)
    assert hold.due() == LOST
    clock.advance(5)
    assert hold.due() is None
    assert hold.offer(LOST) is None  # a failed retry says nothing new


def test_flapping_reports_one_loss_then_one_recovery_once_stable(clock: FakeClock) -> None:
    hold = online_hold_down(clock)
    reported = []
    for _ in range(10):
        reported += [hold.offer(LOST), hold.offer(ONLINE)]
        clock.advance(0.05)
    assert [r for r in reported if r is not None] == [LOST]
    clock.advance(1.5)
    assert hold.due() is None  # back for 1.5 s: not yet proven stable
    clock.advance(0.6)
    assert hold.due() == ONLINE
    assert hold.due() is None


def test_a_loss_during_the_recovery_window_starts_it_again(clock: FakeClock) -> None:
    hold = online_hold_down(clock)
    hold.offer(LOST)
    clock.advance(2.5)
    assert hold.due() == LOST
    assert hold.offer(ONLINE) is None
    clock.advance(1.5)
    assert hold.offer(LOST) is None
    assert hold.offer(ONLINE) is None
    clock.advance(1.5)
    assert hold.due() is None
    clock.advance(0.6)
    assert hold.due() == ONLINE


def test_citizen_and_staff_changes_are_never_held(clock: FakeClock) -> None:
    hold = online_hold_down(clock)
    assert hold.offer(CARD) == CARD
    assert hold.offer(ONLINE) == ONLINE
    assert hold.offer(BUSY) == BUSY
    assert hold.offer(PAPER_OUT) == PAPER_OUT
    assert hold.offer(ONLINE) == ONLINE
    # A card on the reader that comes back from a blip is seen at once.
    assert hold.offer(LOST) is None
    assert hold.offer(CARD) == CARD


def test_what_a_returning_device_reports_is_reported_once_it_is_stable(
    clock: FakeClock,
) -> None:
    hold = online_hold_down(clock)
    hold.offer(LOST)
    clock.advance(3)
    assert hold.due() == LOST
    assert hold.offer(ONLINE) is None
    assert hold.offer(PAPER_OUT) is None
    clock.advance(2)
    assert hold.due() == PAPER_OUT


def test_closing_is_reported_at_once_even_while_lost(clock: FakeClock) -> None:
    hold = online_hold_down(clock)
    hold.offer(LOST)
    clock.advance(3)
    assert hold.due() == LOST
    assert hold.offer(DeviceStatus.closed()) == DeviceStatus.closed()


def test_zero_hold_down_reports_every_change(clock: FakeClock) -> None:
    hold = online_hold_down(clock, hold_s=0)
    assert [hold.offer(s) for s in (LOST, ONLINE, LOST, ONLINE)] == [LOST, ONLINE, LOST, ONLINE]


# ---------------------------------------------------------------- one device on a pty


class EchoSettings(DriverSettings):
    port: str = ""
    reconnect_interval_s: float = 0.05
    crash: bool = False


class EchoDevice(SupervisedDevice):
    """Keeps a serial link open and notices when it goes; records every status it sets."""

    kind = "echo"
    Settings = EchoSettings
    settings: EchoSettings

    def __init__(self, settings: EchoSettings) -> None:
        super().__init__(settings)
        self.link: SerialLink | None = None
        self.crashes = 0
        self.set_statuses: list[DeviceStatus] = []
        self._seen = threading.Condition()

    def _connect(self) -> None:
        link = SerialLink(self.settings.port, exclusive=False)
        link.open()
        self.link = link
        self._set_status(DeviceStatus.online())

    def _serve(self, stop: threading.Event) -> None:
        if self.settings.crash and self.crashes == 0:
            self.crashes += 1
            raise RuntimeError("bug")
        while not stop.is_set():
            assert self.link is not None
            self.link.read_some(timeout_s=0.05)

    def _disconnect(self) -> None:
        if self.link is not None:
            self.link.close()
        self.link = None

    def _check_external(self) -> tuple[bool, str, str]:
        return self.link is not None, "link open", "OK"

    def _set_status(self, status: DeviceStatus) -> None:
        with self._seen:
            self.set_statuses.append(status)
            self._seen.notify_all()
        super()._set_status(status)

    def wait_set(self, state: DeviceState, count: int) -> None:
        """Wait until the driver has set ``state`` ``count`` times (reported or not)."""

        def enough() -> bool:
            return sum(s.state is state for s in self.set_statuses) >= count

        with self._seen:
            assert self._seen.wait_for(enough, WAIT_S), self.set_statuses


class Statuses:
    """The statuses listeners were told, in order."""

    def __init__(self) -> None:
        self.items: list[DeviceStatus] = []
        self._cond = threading.Condition()

    def __call__(self, event: object) -> None:
        if isinstance(event, StatusChanged):
            with self._cond:
                self.items.append(event.status)
                self._cond.notify_all()

    def wait(self, pred: Callable[[DeviceStatus], bool]) -> DeviceStatus:
        with self._cond:
            ok = self._cond.wait_for(lambda: any(pred(s) for s in self.items), WAIT_S)
            assert ok, f"no matching status in {self.items}"
            return next(s for s in self.items if pred(s))

    def states(self) -> list[DeviceState]:
        with self._cond:
            return [s.state for s in self.items]


@pytest.fixture
def make_echo(pty: PtyPort) -> Iterator[Callable[..., tuple[EchoDevice, Statuses]]]:
    made: list[EchoDevice] = []

    def make(clock: FakeClock | None = None, **settings: Any) -> tuple[EchoDevice, Statuses]:
        dev = EchoDevice(EchoSettings(port=pty.path, **settings))
        if clock is not None:
            dev.use_clock(clock)
        seen = Statuses()
        dev.add_listener(seen)
        made.append(dev)
        return dev, seen

    yield make
    for dev in made:
        dev.close()


def status_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        str(getattr(r, "state", ""))
        for r in caplog.records
        if r.getMessage() == "device status" and getattr(r, "kind", "") == "echo"
    ]


def test_lost_device_is_reported_and_reconnects(
    pty: PtyPort, make_echo: Callable[..., tuple[EchoDevice, Statuses]]
) -> None:
    dev, seen = make_echo(hold_down_s=0)
    dev.open()
    assert dev.status.state is DeviceState.ONLINE
    pty.unplug()
    lost = seen.wait(lambda s: s.state is DeviceState.OFFLINE)
    assert lost.code == "DEVICE_LOST" and lost.actor is Actor.AUTOMATIC
    assert dev.health_check(HealthLevel.INTERNAL).passed is False
    pty.plug()
    dev.wait_set(DeviceState.ONLINE, 2)
    seen.wait(lambda s: s.state is DeviceState.ONLINE and seen.items[-1] is s)
    assert dev.health_check(HealthLevel.EXTERNAL).passed


def test_absent_device_opens_offline_and_connects_when_it_appears(
    pty: PtyPort, make_echo: Callable[..., tuple[EchoDevice, Statuses]], clock: FakeClock
) -> None:
    pty.unplug()
    dev, seen = make_echo(clock)
    dev.open()
    assert dev.status.state is DeviceState.OFFLINE and dev.status.code == "DEVICE_LOST"
    pty.plug()
    dev.wait_set(DeviceState.ONLINE, 1)
    assert dev.status.state is DeviceState.OFFLINE  # must prove stable first
    clock.advance(2.5)
    seen.wait(lambda s: s.state is DeviceState.ONLINE)


def test_a_driver_fault_is_reported_and_supervision_continues(
    make_echo: Callable[..., tuple[EchoDevice, Statuses]],
) -> None:
    dev, seen = make_echo(crash=True, hold_down_s=0)
    dev.open()
    seen.wait(lambda s: s.code == "DRIVER_ERROR")
    dev.wait_set(DeviceState.ONLINE, 2)
    seen.wait(lambda s: s.state is DeviceState.ONLINE and s is seen.items[-1])


def test_close_stops_and_joins_the_worker_and_reopens(
    make_echo: Callable[..., tuple[EchoDevice, Statuses]],
) -> None:
    dev, _ = make_echo()
    dev.open()
    worker = dev._worker
    assert worker is not None and worker.is_alive() and worker.name == "echo-worker"
    dev.close()
    assert not worker.is_alive() and dev._worker is None
    closed = dev.status
    dev.close()
    dev.open()
    assert (closed.state, dev.status.state) == (DeviceState.CLOSED, DeviceState.ONLINE)


def test_flapping_device_reports_one_change_and_its_recovery_once(
    pty: PtyPort,
    make_echo: Callable[..., tuple[EchoDevice, Statuses]],
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="drivers.base")
    dev, seen = make_echo(clock, hold_down_s=2.0)
    dev.open()
    assert seen.states() == [DeviceState.ONLINE]
    for n in range(1, 11):  # ten drops and reconnects, all within the hold-down
        pty.unplug()
        dev.wait_set(DeviceState.OFFLINE, n)
        pty.plug()
        dev.wait_set(DeviceState.ONLINE, n + 1)
        clock.advance(0.1)
    assert seen.states() == [DeviceState.ONLINE, DeviceState.OFFLINE]
    assert dev.status.state is DeviceState.OFFLINE
    clock.advance(2.0)  # stable for the whole window now
    seen.wait(lambda s: s.state is DeviceState.ONLINE and s is seen.items[-1])
    assert seen.states() == [DeviceState.ONLINE, DeviceState.OFFLINE, DeviceState.ONLINE]
    assert status_logs(caplog) == ["online", "offline", "online"]


def test_a_blip_is_not_reported(
    pty: PtyPort, make_echo: Callable[..., tuple[EchoDevice, Statuses]], clock: FakeClock
) -> None:
    dev, seen = make_echo(clock, hold_down_s=2.0)
    dev.open()
    pty.unplug()
    dev.wait_set(DeviceState.OFFLINE, 1)
    assert dev.status.state is DeviceState.ONLINE  # held
    pty.plug()
    dev.wait_set(DeviceState.ONLINE, 2)
    clock.advance(10)
    assert not dev.hold_down.holding
    assert seen.states() == [DeviceState.ONLINE]


def test_a_lost_device_is_reported_once_and_its_return_once(
    pty: PtyPort,
    make_echo: Callable[..., tuple[EchoDevice, Statuses]],
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="drivers.base")
    dev, seen = make_echo(clock, hold_down_s=2.0)
    dev.open()
    pty.unplug()
    dev.wait_set(DeviceState.OFFLINE, 1)
    clock.advance(2.5)  # the worker retries meanwhile, and reports the loss when it falls due
    seen.wait(lambda s: s.state is DeviceState.OFFLINE)
    pty.plug()
    dev.wait_set(DeviceState.ONLINE, 2)
    assert dev.status.state is DeviceState.OFFLINE
    clock.advance(2.5)
    seen.wait(lambda s: s.state is DeviceState.ONLINE and s is seen.items[-1])
    assert seen.states() == [DeviceState.ONLINE, DeviceState.OFFLINE, DeviceState.ONLINE]
    assert status_logs(caplog) == ["online", "offline", "online"]


# ---------------------------------------------------------------- every kind under it


@dataclass
class Kind:
    device: Device
    lose: Callable[[], object]
    restore: Callable[[], object]
    cleanup: Callable[[], object] = lambda: None


def _idcard() -> Kind:
    sim = SamSimulator(baud=None).start()
    reader = SamReader(
        SamReaderSettings(
            port=sim.address,
            poll_interval_s=0.02,
            wlt_decoder="sim",
            reconnect_interval_s=0.05,
            hold_down_s=0,
        )
    )
    return Kind(reader, sim.unplug, sim.replug, sim.stop)


def _serial_scanner() -> Kind:
    sim = ScannerSimulator(baud=None).start()
    scanner = SerialScanner(
        SerialScannerSettings(port=sim.address, reconnect_interval_s=0.05, hold_down_s=0)
    )
    return Kind(scanner, sim.unplug, sim.replug, sim.stop)


def _camera_scanner() -> Kind:
    scanner = CameraScanner(CameraScannerSettings(camera="sim:qr", hold_down_s=0))
    camera = scanner.camera
    assert isinstance(camera, SimulatedCamera)
    return Kind(scanner, camera.simulator.unplug, camera.simulator.replug)


def _camera() -> Kind:
    camera = SimulatedCamera(
        SimulatedCameraSettings(transport="mjpeg", reconnect_interval_s=0.05, hold_down_s=0)
    )
    return Kind(camera, camera.simulator.unplug, camera.simulator.replug)


def _printer() -> Kind:
    printer = SimulatedEscposPrinter(
        SimulatedEscposPrinterSettings(
            status_timeout_s=0.2, poll_interval_s=0.1, reconnect_interval_s=0.1, hold_down_s=0
        )
    )

    def sim() -> Any:
        assert printer.simulator is not None  # made when the driver opens
        return printer.simulator

    return Kind(printer, lambda: sim().power_off(), lambda: sim().power_on())


def _fingerprint() -> Kind:
    reader = SimulatedFingerprintReader(
        SimulatedFingerprintReaderSettings(scenario="manual", hold_down_s=0)
    )
    return Kind(reader, reader.simulator.unplug, reader.simulator.replug)


def _payment() -> Kind:
    gateway = SimulatedPaymentGateway(
        SimulatedPaymentGatewaySettings(
            ping_interval_s=0.05, offline_ping_interval_s=0.05, hold_down_s=0
        )
    )
    return Kind(gateway, lambda: gateway.simulator.stop(keep_state=True), gateway.simulator.start)


KINDS = {
    "idcard": _idcard,
    "scanner-serial": _serial_scanner,
    "scanner-camera": _camera_scanner,
    "camera": _camera,
    "printer": _printer,
    "fingerprint": _fingerprint,
    "payment": _payment,
}


@pytest.fixture(params=sorted(KINDS))
def kind(request: pytest.FixtureRequest) -> Iterator[Kind]:
    made = KINDS[request.param]()
    yield made
    made.device.close()
    made.cleanup()


def test_every_device_kind_runs_under_the_supervisor(kind: Kind) -> None:
    device = kind.device
    # The camera scanner's status is its camera's, which the supervisor keeps.
    supervised = device.camera if isinstance(device, CameraScanner) else device
    assert isinstance(supervised, SupervisedDevice)
    rec = Recorder()
    device.add_listener(rec)
    device.open()
    worker = supervised._worker
    assert worker is not None and worker.is_alive()
    assert worker.name == f"{supervised.kind}-worker"
    rec.wait(StatusChanged, lambda e: e.status.usable, WAIT_S)
    rec.clear()
    kind.lose()
    lost = rec.wait(StatusChanged, lambda e: e.status.state is DeviceState.OFFLINE, WAIT_S)
    assert lost.status.actor is Actor.AUTOMATIC
    kind.restore()
    rec.wait(StatusChanged, lambda e: e.status.usable, WAIT_S)
    device.close()
    assert not worker.is_alive()
    assert device.status.state is DeviceState.CLOSED
