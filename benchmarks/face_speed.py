"""Speed of the face engine on one CPU thread per stage, 640×480 synthetic camera frames.

    /tmp/venv/bin/python benchmarks/face_speed.py [--frames 60] [--pairs 10]

Reports median and p95 per call for:
- detection only (BlazeFace), detection + FaceMesh, detection + FaceMesh + eye contours
  (what compliance and liveness need);
- the compliance checks alone (detections given) and the full ``ComplianceChecker.check``;
- one liveness update (pure state machine);
- one comparison: ID-card photo (102×126) vs camera frame, both detected and embedded;
- first-use costs: model loading, the dlib import, ``import kiosk.face``.
Frames are rendered before timing; OpenCV is limited to one thread (``--threads``) because
the kiosk runs detection on one worker thread next to the GUI on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import timed
from kiosk.face.compliance import ComplianceChecker
from kiosk.face.detector import FaceDetector
from kiosk.face.liveness import ChallengeKind, LivenessChallenge
from kiosk.face.matcher import DlibFaceMatcher
from kiosk.face.synthetic import Pose, Scene, id_card_photo, random_identity, render, vary


def report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"{name:<46} median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   n={len(ms)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--frames", type=int, default=60)
    ap.add_argument("--pairs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=1, help="cv2.setNumThreads")
    args = ap.parse_args()
    cv2.setNumThreads(args.threads)

    rng = np.random.default_rng(0)
    frames = [
        render(random_identity(i % 8), vary(Pose(scale=115.0), rng, 0.5), Scene(seed=i))
        for i in range(args.frames)
    ]

    t = time.perf_counter()
    full = FaceDetector()
    full.load()
    print(f"{'load detector models (3 tflite)':<46} {1000 * (time.perf_counter() - t):7.1f} ms")
    boxes = FaceDetector(landmarks=False)
    mesh = FaceDetector(eyes=False)
    boxes.load()
    mesh.load()
    for det in (boxes, mesh, full):
        det.detect(frames[0])  # warm-up: first inference allocates

    it = iter(range(10**9))

    def nxt() -> np.ndarray:
        return frames[next(it) % len(frames)]

    report("detect: BlazeFace only", timed(lambda: boxes.detect(nxt()), args.frames))
    report("detect: + FaceMesh 468 landmarks", timed(lambda: mesh.detect(nxt()), args.frames))
    report("detect: + FaceMesh + eye contours", timed(lambda: full.detect(nxt()), args.frames))

    checker = ComplianceChecker(full)
    detections = [(f, full.detect(f)) for f in frames]
    k = iter(range(10**9))

    def checks_only() -> None:
        f, d = detections[next(k) % len(detections)]
        checker.check_faces(f, d)

    report("compliance checks alone (detections given)", timed(checks_only, args.frames))
    report("compliance: detect + all checks", timed(lambda: checker.check(nxt()), args.frames))

    challenge = LivenessChallenge([ChallengeKind.BLINK])
    faces = detections[0][1]
    clock = iter(range(10**9))
    report(
        "liveness update (state machine only)",
        timed(lambda: challenge.update(faces, next(clock) * 1e-6), args.frames),
    )

    t = time.perf_counter()
    import dlib  # noqa: F401  (first-use cost of the native module)

    print(f"{'import dlib':<46} {1000 * (time.perf_counter() - t):7.1f} ms")
    matcher = DlibFaceMatcher(detector=mesh)
    t = time.perf_counter()
    matcher.load()
    print(f"{'load dlib ResNet model (22 MB)':<46} {1000 * (time.perf_counter() - t):7.1f} ms")
    pairs = [
        (
            id_card_photo(random_identity(i)),
            render(random_identity(i), replace(Pose(), yaw=5.0), Scene(seed=i)),
        )
        for i in range(args.pairs)
    ]
    matcher.compare(*pairs[0])  # warm-up
    p = iter(range(10**9))
    report(
        "compare: ID photo vs frame (detect + embed x2)",
        timed(lambda: matcher.compare(*pairs[next(p) % len(pairs)]), args.pairs),
    )
    ref = matcher.embed(pairs[0][0])
    report(
        "compare: reference embedded once, frame only",
        timed(
            lambda: matcher.compare_embeddings(ref, matcher.embed(pairs[next(p) % len(pairs)][1])),
            args.pairs,
        ),
    )

    code = (
        "import time; t=time.perf_counter(); import kiosk.face; print((time.perf_counter()-t)*1000)"
    )
    ms = float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )
    print(f"{'import kiosk.face (fresh process)':<46} {ms:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
