"""MJPEG-over-HTTP server on loopback that streams a :class:`CameraScene`.

OpenCV (FFmpeg backend) opens its URL like an IP camera, so the real capture
driver is exercised; unplugging answers 503 and drops the streams.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import logging
import threading
import time
from collections.abc import Callable

import cv2
import numpy as np

log = logging.getLogger(__name__)

BOUNDARY = b"kioskframe"


class MjpegServer:
    """Serves ``render(t)`` frames at ``fps`` to every client of ``/video.mjpg``."""

    def __init__(
        self,
        render: Callable[[float], np.ndarray],
        *,
        fps: float = 15.0,
        quality: int = 85,
        host: str = "127.0.0.1",
    ) -> None:
        self._render = render
        self.fps = fps
        self.quality = quality
        self.plugged = True
        self.frozen = False
        self._stop = threading.Event()
        self._t0 = time.monotonic()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                log.debug("mjpeg " + format, *args)

            def do_GET(self) -> None:
                if not server.plugged or server._stop.is_set():
                    self.send_error(503, "camera unplugged")
                    return
                self.send_response(200)
                self.send_header(
                    "Content-Type", f"multipart/x-mixed-replace; boundary={BOUNDARY.decode()}"
                )
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                # The client went away: that ends its stream, nothing more.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, TimeoutError):
                    server._stream(self.wfile)

        self._httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
        # Joined on close, so no handler thread outlives the server.
        self._httpd.daemon_threads = False
        self._httpd.block_on_close = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        assert isinstance(host, str)  # an AF_INET server's address, never bytes
        return f"http://{host}:{port}/video.mjpg"

    def start(self) -> MjpegServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.05,), name="mjpeg", daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _stream(self, out: io.BufferedIOBase) -> None:
        period = 1.0 / self.fps
        next_at = time.monotonic()
        while self.plugged and not self._stop.is_set():
            if self.frozen:
                self._stop.wait(0.05)
                continue
            frame = self._render(time.monotonic() - self._t0)
            ok, jpg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, self.quality])
            if not ok:
                continue
            head = b"--%s\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n" % (
                BOUNDARY,
                len(jpg),
            )
            out.write(head + jpg.tobytes() + b"\r\n")
            out.flush()
            next_at += period
            delay = next_at - time.monotonic()
            if delay < -period:  # fell far behind: do not burst to catch up
                next_at = time.monotonic()
            elif delay > 0:
                self._stop.wait(delay)
