"""Calibrate the face-comparison threshold on synthetic people and report FAR / FRR.

Every identity comes from ``kiosk.face.synthetic.random_identity``. Its reference is the
102×126 ID-card photo (JPEG q60, like a decoded chip photo); its probes are live 640×480
camera frames with a different pose, position, distance, light, background shade, sensor
noise and JPEG quality. Genuine pairs = reference vs own probes; impostor pairs =
reference vs every other identity's probes.

Identities are split in two halves: the threshold is chosen on the first (the largest
distance with FAR <= --target-far, i.e. the operating point favouring security), then
FAR and FRR are measured on the held-out second half as well.

    /tmp/venv/bin/python benchmarks/face_calibrate.py --identities 60 --probes 3
"""

from __future__ import annotations

import argparse
import json
import time

import cv2
import numpy as np

from kiosk.face.matcher import DEFAULT_THRESHOLD, DlibFaceMatcher, NoFaceError
from kiosk.face.synthetic import Pose, Scene, id_card_photo, random_identity, render, vary


def probe_frame(identity_seed: int, k: int) -> np.ndarray:
    """One live camera frame of a synthetic identity (k-th variation)."""
    rng = np.random.default_rng(10_000 + identity_seed * 100 + k)
    pose = vary(Pose(), rng)
    shade = float(rng.uniform(190, 250))
    scene = Scene(background=(shade, shade, shade), noise=float(rng.uniform(1, 4)), seed=k)
    frame = render(random_identity(identity_seed), pose, scene)
    quality = int(rng.integers(60, 95))
    ok, jpg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(jpg, cv2.IMREAD_COLOR)


def rates(gen: np.ndarray, imp: np.ndarray, t: float) -> tuple[float, float]:
    """(FAR, FRR) at threshold t: impostors at or below t accepted, genuines above rejected."""
    return float(np.mean(imp <= t)), float(np.mean(gen > t))


def distances(
    refs: dict[int, np.ndarray], probes: dict[int, list[np.ndarray]], ids: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    gen = [np.linalg.norm(refs[i] - p) for i in ids for p in probes[i]]
    imp = [np.linalg.norm(refs[i] - p) for i in ids for j in ids if j != i for p in probes[j]]
    return np.asarray(gen), np.asarray(imp)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--identities", type=int, default=60)
    ap.add_argument("--probes", type=int, default=3, help="live frames per identity")
    ap.add_argument("--first-seed", type=int, default=1000, help="identity seeds start here")
    ap.add_argument("--target-far", type=float, default=0.001)
    ap.add_argument("--json", help="write the figures to this file too")
    args = ap.parse_args()

    matcher = DlibFaceMatcher()
    matcher.load()
    seeds = list(range(args.first_seed, args.first_seed + args.identities))
    refs: dict[int, np.ndarray] = {}
    probes: dict[int, list[np.ndarray]] = {}
    failures = 0
    t0 = time.perf_counter()
    for s in seeds:
        try:
            refs[s] = matcher.embed(id_card_photo(random_identity(s), seed=s), "reference")
        except NoFaceError:
            failures += 1
            continue
        probes[s] = []
        for k in range(args.probes):
            try:
                probes[s].append(matcher.embed(probe_frame(s, k), "probe"))
            except NoFaceError:
                failures += 1
    n_embed = len(refs) + sum(len(p) for p in probes.values())
    elapsed = time.perf_counter() - t0

    usable = [s for s in seeds if s in refs]
    half = len(usable) // 2
    cal, held = usable[:half], usable[half:]
    gen_c, imp_c = distances(refs, probes, cal)
    gen_h, imp_h = distances(refs, probes, held)
    candidates = np.sort(np.concatenate([gen_c, imp_c]))

    def at_far(target: float) -> float:
        ok = [t for t in candidates if rates(gen_c, imp_c, t)[0] <= target]
        return float(ok[-1]) if ok else float(candidates[0])

    chosen = at_far(args.target_far)
    eer_t = min(candidates, key=lambda t: abs(np.subtract(*rates(gen_c, imp_c, t))))

    def row(name: str, t: float) -> dict[str, float]:
        far_c, frr_c = rates(gen_c, imp_c, t)
        far_h, frr_h = rates(gen_h, imp_h, t)
        print(
            f"{name:<28} t={t:.3f}  calibration FAR={far_c:.4f} FRR={frr_c:.4f}  "
            f"held-out FAR={far_h:.4f} FRR={frr_h:.4f}"
        )
        return {
            "threshold": t,
            "far_cal": far_c,
            "frr_cal": frr_c,
            "far_held": far_h,
            "frr_held": frr_h,
        }

    print(
        f"identities {len(usable)} (calibration {len(cal)}, held-out {len(held)}), "
        f"probes/identity {args.probes}, no-face failures {failures}"
    )
    print(
        f"pairs: calibration genuine {len(gen_c)} impostor {len(imp_c)}; "
        f"held-out genuine {len(gen_h)} impostor {len(imp_h)}"
    )
    print(
        f"embeddings {n_embed} in {elapsed:.1f} s ({1000 * elapsed / max(n_embed, 1):.0f} ms "
        "each incl. rendering)"
    )
    for name, g, i in (("calibration", gen_c, imp_c), ("held-out", gen_h, imp_h)):
        print(
            f"{name:<12} genuine  mean {g.mean():.3f} p95 {np.percentile(g, 95):.3f} "
            f"max {g.max():.3f} | impostor mean {i.mean():.3f} p1 {np.percentile(i, 1):.3f} "
            f"min {i.min():.3f}"
        )
    out = {
        "chosen": row(f"chosen (FAR<={args.target_far})", chosen),
        "far_1pct": row("FAR<=0.01", at_far(0.01)),
        "eer": row("equal error rate", float(eer_t)),
        "default": row("DEFAULT_THRESHOLD in code", DEFAULT_THRESHOLD),
        "dlib_lfw_0.6": row("dlib LFW default 0.6", 0.6),
    }
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(replace_none(out), fh, indent=2)
    return 0


def replace_none(d: dict) -> dict:
    """JSON-ready copy (numpy floats to float)."""
    return {k: {kk: float(vv) for kk, vv in v.items()} for k, v in d.items()}


if __name__ == "__main__":
    raise SystemExit(main())
