"""A real Prometheus scrapes a running kiosk core and fires, then resolves, the paper-out alert.

Prometheus (Debian's package, installed by deploy/setup.sh) runs on a free
loopback port with its own configuration, rule file and data directory in the
test's folder: scrape and rule evaluation every second, an alert on the
contract's ``kiosk_printer_paper_state`` with ``for: 2s``. The kiosk core runs on
the simulated devices with its exporter on a free port. The simulated printer
runs out of paper: the alert must be firing in Prometheus's own API; paper
back in: it must be gone. Without prometheus installed the test fails.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.printer.model import PaperLevel
from kiosk.app import KioskCore

#: Generous: two CPU cores shared by many; the alert itself needs about 2 s + 2 scrapes.
WAIT_S = 90.0

RULES = """
groups:
  - name: kiosk-test
    rules:
      - alert: KioskPrinterPaperOut
        expr: kiosk_printer_paper_state{kiosk_printer_paper_state="out"} == 1
        for: 2s
        labels: {severity: staff}
        annotations: {summary: "receipt printer out of paper"}
"""


@pytest.fixture
def site_toml() -> str:
    return '[health]\nlisten = "127.0.0.1:0"\n'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read())


def wait_until(what: str, condition: Callable[[], bool], log: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while True:
        try:
            if condition():
                return
        except (OSError, urllib.error.URLError, ValueError):
            pass  # not up yet
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise AssertionError(f"{what} within {WAIT_S} s; prometheus said:\n{tail}")
        time.sleep(0.2)


@pytest.fixture
def prometheus(core: KioskCore, tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("prometheus")
    assert binary, "prometheus is not installed (deploy/setup.sh installs Debian's package)"
    core.start()
    core.health.serve()
    assert core.health.http is not None
    kiosk_port = core.health.http.address[1]
    (tmp_path / "rules.yml").write_text(RULES, encoding="utf-8")
    (tmp_path / "prometheus.yml").write_text(
        "global: {scrape_interval: 1s, evaluation_interval: 1s, scrape_timeout: 1s}\n"
        f"rule_files: [{tmp_path / 'rules.yml'}]\n"
        "scrape_configs:\n"
        "  - job_name: kiosk\n"
        f"    static_configs: [{{targets: ['127.0.0.1:{kiosk_port}']}}]\n",
        encoding="utf-8",
    )
    port = free_port()
    log = tmp_path / "prometheus.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                binary,
                f"--config.file={tmp_path / 'prometheus.yml'}",
                f"--web.listen-address=127.0.0.1:{port}",
                f"--storage.tsdb.path={tmp_path / 'data'}",
                "--storage.tsdb.retention.time=1h",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        buildinfo = f"{url}/api/v1/status/buildinfo"
        wait_until("prometheus ready", lambda: get_json(buildinfo)["status"] == "success", log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def alerts(url: str) -> list[dict[str, Any]]:
    doc = get_json(f"{url}/api/v1/alerts")
    return [a for a in doc["data"]["alerts"] if a["labels"]["alertname"] == "KioskPrinterPaperOut"]


def test_paper_out_fires_the_alert_and_paper_back_resolves_it(
    core: KioskCore, prometheus: str, tmp_path: Path
) -> None:
    log = tmp_path / "prometheus.log"

    def scraped() -> bool:
        q = urllib.parse.quote('up{job="kiosk"}')
        result = get_json(f"{prometheus}/api/v1/query?query={q}")["data"]["result"]
        return bool(result) and result[0]["value"][1] == "1"

    wait_until("the kiosk scraped", scraped, log)
    assert alerts(prometheus) == []  # paper in: nothing to say

    model = core.devices.get("printer").simulator.model  # type: ignore[union-attr]
    model.set_paper(PaperLevel.OUT)
    wait_until(
        "the paper-out alert firing",
        lambda: any(a["state"] == "firing" for a in alerts(prometheus)),
        log,
    )
    [alert] = alerts(prometheus)
    assert alert["labels"]["job"] == "kiosk" and alert["labels"]["severity"] == "staff"

    model.set_paper(PaperLevel.OK)
    wait_until("the alert resolved", lambda: alerts(prometheus) == [], log)
