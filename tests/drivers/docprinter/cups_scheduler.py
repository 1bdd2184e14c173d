"""A real CUPS scheduler (``cupsd -f``) owned by the test process, on a free loopback port.

Everything it writes lives in one temporary folder: its configuration (ServerRoot),
spool (RequestRoot), TempDir, CacheDir, StateDir, logs and printcap; it listens on
127.0.0.1 only, with no browsing and no web interface. Root or not: as root cupsd
runs backends as ``lp`` (it will not run them as root), so the folder is made
traversable; otherwise everything runs as the current user.

The policy is Debian's stock one for jobs (printing open to all, job operations
for the job's owner, who must be an account on the host), while queue
administration is open to anyone on loopback, so ``lpadmin``/``cupsdisable`` need
no password: the scheduler is the test's own.

Debian's ``cups-daemon`` has no document filters (``cups-filters`` brings
``pdftopdf``), and an ``-m everywhere`` queue takes ``application/vnd.cups-pdf``.
Without ``pdftopdf`` the scheduler is told PDF passes to the printer as it is
(a ``mime.convs`` line in its ServerRoot); with it, CUPS rewrites the PDF itself.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from drivers.docprinter.simulator import find_program

PDFTOPDF = Path("/usr/lib/cups/filter/pdftopdf")
QUEUE = "kiosk-a4"
_START_S = 10.0
_STOP_S = 10.0
_TOOL_S = 30.0
_PORT_ATTEMPTS = 5

_JOB_OPERATIONS = (
    "Send-Document Send-URI Hold-Job Release-Job Restart-Job Purge-Jobs Set-Job-Attributes "
    "Create-Job-Subscription Renew-Subscription Cancel-Subscription Get-Notifications "
    "Reprocess-Job Cancel-Current-Job Suspend-Current-Job Resume-Job Cancel-My-Jobs "
    "Close-Job CUPS-Move-Job Cancel-Job CUPS-Authenticate-Job CUPS-Get-Document"
)

_CUPSD_CONF = """LogLevel info
Listen 127.0.0.1:{port}
Browsing No
WebInterface No
DefaultAuthType Basic
ErrorPolicy retry-job
<Policy default>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit Create-Job Print-Job Print-URI Validate-Job>
    Order deny,allow
  </Limit>
  <Limit {job_operations}>
    Require user @OWNER @SYSTEM
    Order deny,allow
  </Limit>
  <Limit Cancel-Jobs>
    Order deny,allow
  </Limit>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""


class CupsError(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class CupsScheduler:
    """One cupsd with its folder; :meth:`close` stops it and everything it started."""

    def __init__(self) -> None:
        if not shutil.which("cupsd", path="/usr/sbin:/sbin:/usr/local/sbin"):
            raise CupsError("cupsd not found: apt-get install cups-daemon (deploy/setup.sh does)")
        self._cupsd = find_program("cupsd")
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        self._process: subprocess.Popen[bytes] | None = None
        self.port = 0
        try:
            self._prepare()
            self._start()
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ set-up
    def _prepare(self) -> None:
        for name in ("conf", "spool", "tmp", "cache", "state", "log"):
            (self.root / name).mkdir()
        if os.geteuid() == 0:
            user, group, system = "lp", "lp", "root"
            # Backends run as lp: they must reach the spool and temp folders inside.
            self.root.chmod(0o755)
            (self.root / "tmp").chmod(0o1777)
        else:
            user = pwd.getpwuid(os.geteuid()).pw_name
            group = grp.getgrgid(os.getegid()).gr_name
            system = "root" if group != "root" else "sys"  # must differ from Group
        r = self.root
        (r / "cups-files.conf").write_text(
            f"ServerRoot {r / 'conf'}\nRequestRoot {r / 'spool'}\nTempDir {r / 'tmp'}\n"
            f"CacheDir {r / 'cache'}\nStateDir {r / 'state'}\n"
            f"AccessLog {r / 'log' / 'access_log'}\nErrorLog {r / 'log' / 'error_log'}\n"
            f"PageLog {r / 'log' / 'page_log'}\nPrintcap {r / 'state' / 'printcap'}\n"
            f"User {user}\nGroup {group}\nSystemGroup {system}\nSandboxing relaxed\n",
            encoding="ascii",
        )
        if not PDFTOPDF.exists():
            # No pdftopdf: PDF goes to the IPP Everywhere printer unchanged (cost 0, no filter).
            (r / "conf" / "mime.convs").write_text(
                "application/pdf application/vnd.cups-pdf 0 -\n", encoding="ascii"
            )

    def _start(self) -> None:
        last = ""
        for _ in range(_PORT_ATTEMPTS):
            self.port = _free_port()
            (self.root / "cupsd.conf").write_text(
                _CUPSD_CONF.format(port=self.port, job_operations=_JOB_OPERATIONS),
                encoding="ascii",
            )
            if self._launch():
                return
            last = self.log_tail()
        raise CupsError(f"cupsd did not start: {last}")

    def _launch(self) -> bool:
        """Start cupsd on ``self.port``; False if it exited (e.g. the port was taken)."""
        argv = [self._cupsd, "-f", "-c", str(self.root / "cupsd.conf")]
        argv += ["-s", str(self.root / "cups-files.conf")]
        with (self.root / "log" / "cupsd.out").open("ab") as out:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its filters and backends share its process group
            )
        deadline = time.monotonic() + _START_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return False
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return True
            time.sleep(0.05)
        self._stop()
        return False

    # ------------------------------------------------------------ addresses
    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def queue_uri(self, queue: str = QUEUE) -> str:
        return f"ipp://{self.host}/printers/{queue}"

    # ------------------------------------------------------------ the CUPS client tools
    def tool(self, program: str, *args: str) -> str:
        """Run a CUPS client tool against this scheduler; its output, or CupsError."""
        done = subprocess.run(
            [find_program(program), "-h", self.host, *args],
            capture_output=True,
            text=True,
            timeout=_TOOL_S,
            env={**os.environ, "CUPS_SERVER": self.host},
        )
        if done.returncode != 0:
            raise CupsError(f"{program} {' '.join(args)}: {done.stderr.strip() or done.stdout}")
        return done.stdout

    def add_queue(self, device_uri: str, queue: str = QUEUE) -> None:
        """An IPP Everywhere queue on ``device_uri``, enabled and accepting (lpadmin -E)."""
        self.tool("lpadmin", "-p", queue, "-E", "-v", device_uri, "-m", "everywhere")

    # ------------------------------------------------------------ what is left
    def processes(self) -> list[int]:
        """Pids of processes that mention this scheduler's folder (cupsd, filters, backends)."""
        marker = str(self.root).encode()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                text = (entry / "cmdline").read_bytes() + (entry / "environ").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker in text and state not in ("Z", "X"):
                found.append(int(entry.name))
        return found

    def log_tail(self, lines: int = 8) -> str:
        chunks = []
        for name in ("cupsd.out", "error_log"):
            with contextlib.suppress(OSError):
                chunks += (self.root / "log" / name).read_text(errors="replace").splitlines()
        return " | ".join(chunks[-lines:])

    # ------------------------------------------------------------ tear-down
    def _stop(self) -> None:
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()  # cupsd stops its jobs' filters and backends first
            try:
                process.wait(_STOP_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(_STOP_S)
        # Anything of its group still running (a backend cupsd did not reap) goes too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        self._process = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def close(self) -> None:
        """Stop cupsd and remove its folder. Safe to call twice."""
        self._stop()
        shutil.rmtree(self.root, ignore_errors=True)
