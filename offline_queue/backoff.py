"""Retry delays: exponential backoff with full jitter, never shorter than Retry-After."""

from __future__ import annotations

RETRY_AFTER_MAX_S = 86_400.0


def retry_delay_s(
    attempts: int, base_s: float, cap_s: float, u: float, retry_after_s: float | None = None
) -> float:
    """Delay before the next try after ``attempts`` failed ones (``u`` uniform in [0, 1)).

    Full jitter (AWS): ``u * min(cap, base * 2**(attempts-1))``; a Retry-After
    from the platform is a floor (up to a day, so a bogus header cannot park a row).
    """
    exponent = min(max(attempts, 1) - 1, 62)  # 2**62 s is beyond any cap: no overflow
    delay = u * min(cap_s, base_s * 2.0**exponent)
    if retry_after_s is not None:
        delay = max(delay, min(retry_after_s, RETRY_AFTER_MAX_S))
    return delay
