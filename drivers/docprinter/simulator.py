"""The A4 printer's simulator: a real ``ippeveprinter`` process on a loopback port.

``ippeveprinter`` (Debian ``cups-ipp-utils``) is CUPS's own IPP Everywhere
reference printer: the driver talks real IPP to it, and every document it
accepts lands in a spool folder (``-k`` keeps it), so tests can open the PDF
that was printed. What a real printer does to a job is played by a print
command (``-c``) that ippeveprinter runs for each job; it reports back with
``STATE:`` (printer-state-reasons) and ``ATTR:`` (pages done) lines on stderr,
as the ippeveprinter man page describes. The paper tray and the toner are set
through ippeveprinter's own web forms (``/media``, ``/supplies``), the way a
person at its status page would. "Offline" is the process stopped
(SIGSTOP: it answers nothing) and "unplugged" is the process gone.

ippeveprinter opens a DNS-SD client at start even with ``-r off`` and gives up
without a reachable system bus, so each simulator runs a private
``dbus-daemon`` of its own and points ippeveprinter at it: nothing is
advertised on the network, and nothing outside the temporary folder is used.
Both run under a guard (:mod:`drivers.docprinter.guarded_process`): if the
process that owns the simulator dies, even by SIGKILL, they stop and the
temporary folder (with the spooled documents) is removed.

The port is picked by the OS (bind to port 0, then hand it to ippeveprinter);
if another process takes it in between, start-up tries again on a new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import stat
import tempfile
import time
from pathlib import Path

import httpx

from drivers.base import DeviceError
from drivers.docprinter.guarded_process import GuardedProcess
from hostio.outbound_http import BoundedTransport, Bounds, bounded_request

#: What the print command does per job: a fault file (one job only), a delay file (every job).
_PRINT_COMMAND = """#!/bin/sh
# Run by ippeveprinter for every job; $1 is the spooled document.
here="$(dirname "$0")"
echo "$1" >> "$here/jobs-started"
delay="$(cat "$here/delay" 2>/dev/null || echo 0)"
pages="$(tr '\\r' '\\n' < "$1" | grep -a -c -E '/Type ?/Page([^s]|$)')"
if [ -f "$here/fault" ]; then
  fault="$(cat "$here/fault")"
  rm -f "$here/fault"
  echo "INFO: printing" >&2
  echo "ATTR: job-impressions-completed=1" >&2
  sleep "$delay"
  echo "STATE: +$fault" >&2
  echo "ERROR: $fault" >&2
  exit 1
fi
sleep "$delay"
echo "ATTR: job-impressions-completed=$pages" >&2
exit 0
"""

_START_S = 10.0
_STOP_S = 5.0
_PORT_ATTEMPTS = 5


class SimulatorError(DeviceError):
    code = "CONFIG_ERROR"


def find_program(name: str) -> str:
    """The path of ``name``, looking in the sbin folders too (they are not always on PATH)."""
    if os.sep in name:
        return name
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin:/usr/local/sbin")
    if found is None:
        raise SimulatorError(
            f"{name} not found: install Debian's cups-ipp-utils (and dbus) to simulate the printer"
        )
    return found


def _free_port() -> int:
    """A port free on 127.0.0.1 and ::1 right now (ippeveprinter listens on both)."""
    for _ in range(20):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as v4:
            v4.bind(("127.0.0.1", 0))
            port = int(v4.getsockname()[1])
            try:
                with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as v6:
                    v6.bind(("::1", port))
            except OSError:
                continue
            return port
    raise SimulatorError("no free loopback port for the printer simulator")


class IppEvePrinter:
    """One ippeveprinter process with its spool folder; :meth:`close` removes both."""

    def __init__(self, program: str = "ippeveprinter", name: str = "Kiosk A4") -> None:
        self._program = find_program(program)
        self._dbus_program = find_program("dbus-daemon")
        self._name = name
        self._root = Path(tempfile.mkdtemp(prefix="kiosk-a4-sim-"))
        self.spool = self._root / "spool"
        self.spool.mkdir()
        self._command = self._root / "print-command"
        self._command.write_text(_PRINT_COMMAND, encoding="ascii")
        self._command.chmod(stat.S_IRWXU)
        self._log = self._root / "ippeveprinter.log"
        self._bus: GuardedProcess | None = None
        self._printer: GuardedProcess | None = None
        self._paused = False
        self.port = 0
        self._http = httpx.Client(transport=BoundedTransport())
        try:
            self._start_bus()
            self._start_printer()
            self.set_paper(250)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ addresses
    @property
    def uri(self) -> str:
        """The printer URI the driver uses."""
        return f"ipp://127.0.0.1:{self.port}/ipp/print"

    @property
    def address(self) -> str:
        """Where it serves, for ``kiosk simulate`` (the printer URI)."""
        return self.uri

    @property
    def running(self) -> bool:
        return self._printer is not None and self._printer.alive

    @property
    def ended(self) -> bool:
        """True when neither ippeveprinter nor its bus runs any more."""
        return all(p is None or not p.alive for p in (self._printer, self._bus))

    # ------------------------------------------------------------ processes
    def _start_bus(self) -> None:
        socket_path = self._root / "bus"
        # The bus lives as long as the simulator: if the owner dies, its guard removes the folder.
        self._bus = GuardedProcess(
            [
                self._dbus_program,
                "--session",
                "--nofork",
                "--nopidfile",
                f"--address=unix:path={socket_path}",
            ],
            log=self._log,
            cwd=self._root,
            remove_when_orphaned=self._root,
        )
        deadline = time.monotonic() + _START_S
        while not socket_path.exists():
            if not self._bus.alive or time.monotonic() > deadline:
                raise SimulatorError("the printer simulator's private dbus-daemon did not start")
            time.sleep(0.02)
        self._bus_address = f"unix:path={socket_path}"

    def _start_printer(self) -> None:
        last = ""
        for _ in range(_PORT_ATTEMPTS):
            self.port = _free_port()
            if self._launch():
                return
            last = self.log_tail()
        raise SimulatorError(f"ippeveprinter did not start: {last}")

    def _launch(self) -> bool:
        """Start ippeveprinter on ``self.port``; False if it exited (e.g. the port was taken)."""
        env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": self._bus_address}
        # -k (below) keeps each document in the spool folder for tests to open.
        options = [
            ("-r", "off"),  # no DNS-SD advertisement
            ("-f", "application/pdf"),
            ("-c", str(self._command)),
            ("-d", str(self.spool)),
            ("-n", "localhost"),  # listen on 127.0.0.1 and ::1 only
            ("-p", str(self.port)),
            ("-M", "CUPS"),
            ("-m", "ippeveprinter A4 simulator"),
        ]
        self._printer = GuardedProcess(
            [self._program, "-k", *(word for pair in options for word in pair), self._name],
            log=self._log,
            cwd=self._root,
            env=env,
        )
        deadline = time.monotonic() + _START_S
        while time.monotonic() < deadline:
            if not self._printer.alive:
                self._end(self._printer)
                return False
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return True
            time.sleep(0.02)
        self._end(self._printer)
        return False

    def log_tail(self, lines: int = 5) -> str:
        try:
            text = self._log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return " | ".join(text.strip().splitlines()[-lines:])

    @staticmethod
    def _end(process: GuardedProcess | None) -> None:
        if process is not None:
            process.end(_STOP_S)

    def close(self) -> None:
        """Stop both processes and remove the temporary folder. Safe to call twice."""
        self._end(self._printer)
        self._end(self._bus)
        self._http.close()
        shutil.rmtree(self._root, ignore_errors=True)

    # ------------------------------------------------------------ faults
    def pause(self) -> None:
        """The printer hangs: connections are accepted by the kernel, nothing answers."""
        if self._printer is not None and not self._paused:
            self._printer.send_signal(signal.SIGSTOP)
            self._paused = True

    def resume(self) -> None:
        if self._printer is not None and self._paused:
            self._printer.send_signal(signal.SIGCONT)
            self._paused = False

    def power_off(self) -> None:
        """The printer is gone: connections are refused. Its job history goes with it."""
        self._end(self._printer)
        self._paused = False

    def power_on(self) -> None:
        """Start again on the same port (a printer switched back on)."""
        if not self.running and not self._launch():
            raise SimulatorError(f"ippeveprinter did not start again: {self.log_tail()}")

    def fail_next_job(self, reason: str) -> None:
        """The next job prints one page, then stops with ``reason`` (e.g. media-empty)."""
        (self._root / "fault").write_text(reason, encoding="ascii")

    def set_job_delay(self, seconds: float) -> None:
        """Each job takes ``seconds`` on the printer from now on."""
        (self._root / "delay").write_text(f"{seconds:g}", encoding="ascii")

    def set_paper(self, sheets: int) -> None:
        """Load the main tray with A4 (0 = empty: the printer reports media-empty)."""
        self._web_form(
            "/media",
            {
                "size1": "iso_a4_210x297mm",
                "type1": "stationery",
                "level1": str(sheets),
                "size3": "",
                "type3": "",
                "level3": "-2",
            },
        )

    def set_toner(self, percent: int) -> None:
        """Set the black toner level (below 10 % the printer reports toner-low)."""
        self._web_form("/supplies", {"supply0": "25", "supply1": str(percent)})

    def _web_form(self, path: str, fields: dict[str, str]) -> None:
        url = f"http://127.0.0.1:{self.port}{path}"
        reply = bounded_request(
            self._http,
            "GET",
            str(httpx.URL(url, params=fields)),
            bounds=Bounds(max_bytes=262_144, deadline_s=5.0, connect_timeout_s=2.0),
        )
        if reply.status_code != 200:
            raise SimulatorError(f"ippeveprinter {path} answered HTTP {reply.status_code}")

    # ------------------------------------------------------------ what came out
    def jobs_started(self) -> int:
        """How many jobs the printer has begun to print."""
        try:
            return len((self._root / "jobs-started").read_text(encoding="utf-8").splitlines())
        except FileNotFoundError:
            return 0

    def documents(self) -> list[Path]:
        """The spooled PDF documents, in job order."""

        def job_number(path: Path) -> int:
            head = path.name.split("-", 1)[0]
            return int(head) if head.isdigit() else 0

        return sorted(self.spool.glob("*.pdf"), key=job_number)
