"""Large freed blocks go back to the system instead of staying resident behind small ones."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from hostio.malloc_tuning import return_freed_memory
from tests.deploy.paths import REPO

#: One process's visits in miniature: 4 MiB blocks (a frame, a PDF) freed, each after a
#: small allocation that outlives it, then 2 MiB images filled and freed; prints the MiB
#: still resident after.
_VISITS = textwrap.dedent(
    """
    import sys
    if sys.argv[1] == "tuned":
        from hostio.malloc_tuning import return_freed_memory
        assert return_freed_memory()

    def rss_mib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024

    big = bytearray(16 << 20)  # one large block freed: glibc raises its mmap threshold
    del big
    before = rss_mib()
    kept = []
    for _ in range(40):
        block = bytearray(4 << 20)
        kept.append(bytes(200))
        del block
    images = [bytearray(2 << 20) for _ in range(20)]  # touched, as pixels are
    for image in images:
        image[::4096] = b"x" * len(image[::4096])
    del images
    print(rss_mib() - before)
    """
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc")


def _resident_after_visits(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _VISITS, mode],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(out.stdout.strip())


def test_freed_frames_stay_resident_without_the_tuning_and_not_with_it() -> None:
    plain, tuned = _resident_after_visits("plain"), _resident_after_visits("tuned")
    assert plain >= 20  # the control: glibc as it comes keeps them
    assert tuned * 4 <= plain, f"{tuned} MiB kept with the tuning, {plain} MiB without"


def test_setting_the_thresholds_is_reported() -> None:
    assert return_freed_memory() is True  # glibc here; a second call is harmless
