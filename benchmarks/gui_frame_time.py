"""GUI frame time while the camera preview, face analysis and camera QR decoding all run.

The real kiosk window runs offscreen on the simulated devices, with a camera QR
decoder added (``scanner-camera`` on its own simulated 1280×720 camera showing a
moving slip QR code, decoded with zxing-cpp). Three phases, side by side in one run:

* baseline — the home screen, both cameras closed: no camera work at all;
* face_verify — 人脸比对: MJPEG preview of the face camera, the face engine on every
  frame (the citizen holds still, so the liveness challenge goes on), QR decoding;
* photo_capture — 证件照: preview, compliance checks on every frame (the citizen
  stands off-centre, so guidance goes on), QR decoding.

In each phase a 16 ms precise ``QTimer`` on the GUI thread records its actual
intervals (what a 60 Hz animation would get), and the preview widget's paints
are timed. The face matcher is the simulated one (it only runs after liveness).

    python benchmarks/gui_frame_time.py [--seconds 30] [--camera-fps 15] [--qr-camera own|shared]
                                        [--scrape]

``--scrape`` serves the health listener and scrapes ``/metrics`` and ``/health``
every second, as Prometheus and a health probe would: the baseline is measured
without and then with scraping (side by side), and the camera phases with it.

Target: timer interval p99 ≤ 33 ms in the camera phases.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.event_loop import spin, wait_until

TARGET_P99_MS = 33.0
TICK_MS = 16
#: The face_verify phase must end before the longest liveness timeout the config allows.
MAX_SECONDS = 100
SITE = """
[platform]
simulate = true

[devices.camera]
driver = "camera-sim"
settings = {{ fps = {fps} }}

[capture.photo]
timeout_s = 600

[capture.face_verify]
position_timeout_s = 300
liveness_timeout_s = 120
"""
#: The health listener on a free loopback port, for --scrape.
HEALTH_LISTENER = """
[health]
listen = "127.0.0.1:0"
"""
#: The camera QR decoder as a configured device with a simulated camera of its own.
OWN_QR_CAMERA = """
[devices.camera_scanner]
driver = "scanner-camera"
settings = { camera = "sim:qr" }
"""


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


@dataclass
class Phase:
    name: str
    seconds: float
    ticks_ms: list[float]  # intervals of the 16 ms timer
    paints_ms: list[float]  # intervals between paints of the preview
    frames_shown: int  # new camera frames the preview converted and drew
    analyses: int  # frames the face engine analysed
    decodes: int  # QR decode attempts
    decode_ms: float  # the scanner's smoothed time per decode (on its own thread)
    camera_fps: float

    def line(self) -> str:
        t = self.ticks_ms
        late = sum(1 for x in t if x > TARGET_P99_MS)
        out = (
            f"{self.name:13s} timer n={len(t):5d} p50 {statistics.median(t):5.1f} "
            f"p99 {percentile(t, 99):5.1f} max {max(t):6.1f} ms, >{TARGET_P99_MS:.0f} ms: {late:3d}"
        )
        if self.paints_ms:
            p = self.paints_ms
            out += (
                f" | preview {len(p) / self.seconds:4.1f} paints/s, "
                f"{self.frames_shown / self.seconds:4.1f} new frames/s "
                f"(camera {self.camera_fps:4.1f} fps), paint-to-paint p50 "
                f"{statistics.median(p):5.1f} p99 {percentile(p, 99):5.1f} max {max(p):6.1f} ms"
                f" | face analyses {self.analyses / self.seconds:4.1f}/s, "
                f"QR decodes {self.decodes / self.seconds:4.1f}/s ({self.decode_ms:.1f} ms each)"
            )
        return out


class Scraper:
    """GET /metrics and /health every second on a thread of its own; keeps each scrape's time."""

    def __init__(self, address: tuple[str, int]) -> None:
        import threading

        self.url = f"http://{address[0]}:{address[1]}"
        self.times_ms: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-scraper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import urllib.error
        import urllib.request

        while not self._stop.wait(1.0):
            for path in ("/metrics", "/health"):
                t0 = time.perf_counter()
                try:
                    with urllib.request.urlopen(self.url + path, timeout=5) as r:
                        r.read()
                except urllib.error.HTTPError:
                    pass  # /health answers 503 when the kiosk fails: still a scrape
                if path == "/metrics":
                    self.times_ms.append((time.perf_counter() - t0) * 1000)


class Bench:
    """The kiosk window and the probes; phases run one after another."""

    def __init__(self, args: argparse.Namespace, site: Path) -> None:
        from PySide6.QtCore import QEvent, QObject, Qt, QTimer

        from kiosk.app import KioskCore
        from kiosk.config.schema import load_config
        from kiosk.face import SimulatedFaceMatcher
        from kiosk.flow.camera_steps import CameraStep
        from ui.app import application, configure_font
        from ui.main_window import KioskWindow

        self.args = args
        self.app = application()
        self.core = KioskCore(load_config(site))
        self.core.flow_services.face_matcher = SimulatedFaceMatcher()
        self.core.start()
        configure_font(self.app)
        self.window = KioskWindow(self.core)
        self.window.resize(1920, 1080)
        self.window.show()

        self.ticks: list[float] = []
        self.paints: list[float] = []
        self.analyses = 0
        self.decodes = 0
        self.timer = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

        bench = self

        class PaintSpy(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    bench.paints.append(time.perf_counter())
                return False

        self.paint_spy = PaintSpy()
        original = CameraStep._analysed

        def analysed(step: Any, run: int, future: Any) -> None:
            self.analyses += 1
            original(step, run, future)

        CameraStep._analysed = analysed  # type: ignore[method-assign]
        self.qr_scanner = self._qr_scanner()
        self.scraper: Scraper | None = None
        if args.scrape:
            self.core.health.serve()
            assert self.core.health.http is not None, "the health listener did not start"
            self.scraper = Scraper(self.core.health.http.address)

    def _qr_scanner(self) -> Any:
        """The camera QR decoder: the configured device, or one on the face camera's frames."""
        if self.args.qr_camera == "own":
            scanner = self.core.devices.get("camera_scanner")
        else:
            from drivers.scanner.camera_scanner import CameraScanner, CameraScannerSettings

            scanner = CameraScanner(CameraScannerSettings(), camera=self.core.devices.get("camera"))
            scanner.open()
        return scanner

    def _count_decodes(self) -> None:
        """Count the decoder's attempts (it is made anew each time the scanner opens)."""
        decoder = self.qr_scanner._decoder
        if decoder is None or getattr(decoder, "counted", False):
            return
        decode = decoder.decode

        def counting(image: Any) -> Any:
            self.decodes += 1
            return decode(image)

        decoder.decode, decoder.counted = counting, True

    # ---- the event loop
    def spin(self, seconds: float) -> None:
        spin(seconds)

    def wait(self, cond: Callable[[], bool], timeout_s: float, what: str) -> None:
        wait_until(cond, timeout_s, what, poll_s=0.01)

    def kind(self) -> str | None:
        flow = self.window.flow
        step = flow.current if flow is not None else None
        return step.kind if step is not None else None

    # ---- a measured phase
    def measure(self, name: str, keep: Callable[[], None] = lambda: None) -> Phase:
        page = self.window.flow_host.current_page
        view = getattr(page, "view", None) if self.window.flow is not None else None
        if view is not None:
            view.installEventFilter(self.paint_spy)
        self._count_decodes()
        shown0, self.analyses, self.decodes = view.frames_shown if view else 0, 0, 0
        self.ticks, self.paints = [], []
        self.timer.start()
        started = time.perf_counter()
        end = started + self.args.seconds
        while time.perf_counter() < end:
            keep()
            self.spin(0.25)
        self.timer.stop()
        seconds = time.perf_counter() - started
        if view is not None:
            view.removeEventFilter(self.paint_spy)
        camera = self.core.devices.get("camera")
        return Phase(
            name,
            seconds,
            [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False)],
            [(b - a) * 1000 for a, b in zip(self.paints, self.paints[1:], strict=False)],
            (view.frames_shown - shown0) if view else 0,
            self.analyses,
            self.decodes,
            self.qr_scanner.decode_ms,
            camera.fps if camera is not None and view is not None else 0.0,
        )

    def baseline(self) -> list[Phase]:
        """The home screen, cameras closed; with --scrape once more while scraping starts."""
        cameras = [self.core.devices.get("camera"), self.qr_scanner]
        for device in cameras:
            device.close()
        self.spin(1.0)
        try:
            phases = [self.measure("baseline")]
            if self.scraper is not None:
                self.scraper.start()  # and it goes on through the camera phases
                phases.append(self.measure("base+scrape"))
            return phases
        finally:
            for device in reversed(cameras):
                device.open()
            self.wait(lambda: all(d.status.usable for d in cameras), 20, "the cameras")

    def face_verify(self) -> Phase:
        from drivers.camera.citizen import Citizen

        self.window.open_service("id_card_renewal")
        self.window.flow_host.current_page.begin_button.click()  # past the start page
        self.core.devices.get("idcard").simulator.place_card()
        self.wait(lambda: self.kind() == "face_verify", 20, "face_verify")
        camera = self.core.devices.get("camera")
        self.citizen = Citizen(camera)
        scene = camera.simulator.scene
        scene.blink_every_s = 0  # holds still: the blink or head-turn challenge goes on
        step = self.window.flow.current
        self.wait(lambda: self.window.flow_host.current_page.view.has_frame, 20, "the preview")
        phase = self.measure("face_verify")
        if step.error is not None:
            raise RuntimeError(f"face_verify stopped during the run: {step.error.code}")
        return phase

    def photo_capture(self) -> Phase:
        scene = self.core.devices.get("camera").simulator.scene
        scene.blink_every_s = 0.5
        step = self.window.flow.current

        def acting() -> bool:
            if self.kind() == "photo_capture":
                scene.show_person("person_a", "off_centre")  # guidance, never a photo
                return True
            self.citizen.act(step)
            return False

        self.wait(acting, 60, "face verification to pass")
        self.wait(lambda: self.window.flow_host.current_page.view.has_frame, 20, "the preview")
        step = self.window.flow.current
        phase = self.measure("photo_capture")
        if step.state.value != "live" or step.error is not None:
            raise RuntimeError(f"photo_capture left the live view: {step.state} {step.error}")
        return phase

    def close(self) -> None:
        if self.args.qr_camera == "shared":
            self.qr_scanner.close()
        if self.scraper is not None and self.scraper._thread.is_alive():
            self.scraper.stop()
        self.window.allow_close = True
        self.window.close()
        self.core.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    parser.add_argument(
        "--qr-camera",
        choices=("own", "shared"),
        default="own",
        help="QR decoding on a camera of its own (default) or on the face camera's frames",
    )
    parser.add_argument(
        "--camera-fps", type=float, default=15.0, help="frame rate of the simulated face camera"
    )
    parser.add_argument(
        "--scrape", action="store_true", help="scrape /metrics and /health every second"
    )
    args = parser.parse_args()
    if not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be 1..{MAX_SECONDS}: the liveness check gives up at 120 s")

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as data_dir:
        os.environ["KIOSK_DATA_DIR"] = data_dir
        site = Path(data_dir) / "site.toml"
        own = OWN_QR_CAMERA if args.qr_camera == "own" else ""
        site.write_text(
            SITE.format(fps=args.camera_fps) + own + (HEALTH_LISTENER if args.scrape else "")
        )
        bench = Bench(args, site)
        try:
            bench.wait(lambda: bench.window.warm_up.done, 120, "the warm-up at home")
            phases = [*bench.baseline(), bench.face_verify(), bench.photo_capture()]
            scrapes = list(bench.scraper.times_ms) if bench.scraper is not None else []
        finally:
            bench.close()

    print(
        f"{args.seconds:.0f} s per phase, offscreen 1920x1080, every device simulated, "
        f"face camera {args.camera_fps:.0f} fps (MJPEG), QR camera: {args.qr_camera}, "
        f"{os.cpu_count()} CPUs"
    )
    for phase in phases:
        print(phase.line())
    base = percentile(phases[0].ticks_ms, 99)
    if args.scrape:
        scraped = percentile(phases[1].ticks_ms, 99)
        print(
            f"scraping every second: timer p99 at home {scraped:.1f} ms vs {base:.1f} ms without "
            f"({scraped / base:.2f}x); /metrics scrape n={len(scrapes)} "
            f"median {statistics.median(scrapes):.1f} ms p99 {percentile(scrapes, 99):.1f} ms"
        )
    loaded = [
        percentile(p.ticks_ms, 99) for p in phases if p.name not in ("baseline", "base+scrape")
    ]
    ok = max(loaded) <= TARGET_P99_MS
    print(
        f"timer p99 with camera work {max(loaded):.1f} ms vs baseline {base:.1f} ms "
        f"({max(loaded) / base:.2f}x); target p99 <= {TARGET_P99_MS:.0f} ms: "
        f"{'PASS' if ok else 'MISS'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
