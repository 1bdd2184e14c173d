"""Fault injection of the platform simulator.

Per request in ``scope`` the simulator first takes the next entry of ``script``
(a deterministic sequence for tests), and when the script is used up draws one
fault at random with the configured rates (they must add up to at most 1):

    error               500, nothing stored
    throttle_429/503    429 or 503 with ``Retry-After: retry_after_s``, nothing stored
    drop_after_commit   the batch is stored, then the connection is closed unanswered
    malformed           the batch is stored, then a 200 with a broken or partial body
    slow                the batch is stored, then the answer waits ``slow_s`` (client timeout)
    none                no fault for this request (script only)

``delay_s`` (+ uniform ``delay_jitter_s``) is added before every in-scope answer.
``reject_rate`` rejects that share of transaction ids as invalid, decided by a
hash of the id, so a resent id gets the same verdict.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from collections import Counter, deque
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, model_validator

FaultName = Literal[
    "none", "error", "throttle_429", "throttle_503", "drop_after_commit", "malformed", "slow"
]
Scope = Literal["transactions", "heartbeat", "identity", "applications", "certificates"]

_Rate = Field(0.0, ge=0.0, le=1.0)


class FaultSettings(BaseModel):
    """What can go wrong, how often; all off by default."""

    model_config = ConfigDict(extra="forbid")

    error_rate: float = _Rate
    throttle_rate: float = _Rate
    """Half 429, half 503."""
    retry_after_s: int | None = Field(1, ge=0)
    """Retry-After sent with 429/503 (None: no header)."""
    drop_after_commit_rate: float = _Rate
    malformed_rate: float = _Rate
    slow_rate: float = _Rate
    slow_s: float = Field(30.0, ge=0)
    delay_s: float = Field(0.0, ge=0)
    delay_jitter_s: float = Field(0.0, ge=0)
    reject_rate: float = _Rate
    validate_payloads: bool = True
    """Reject transactions that break the per-type rules (:mod:`offline_queue.sim.rules`)."""
    scope: frozenset[Scope] = frozenset({"transactions"})
    script: list[FaultName] = Field(default_factory=list)
    seed: int | None = None

    @model_validator(mode="after")
    def _rates_fit(self) -> FaultSettings:
        total = (
            self.error_rate
            + self.throttle_rate
            + self.drop_after_commit_rate
            + self.malformed_rate
            + self.slow_rate
        )
        if total > 1.0 + 1e-9:
            raise ValueError(f"fault rates add up to {total:.3f} > 1")
        return self


class FaultPlan:
    """Draws the fault for each request; thread-safe; counts what it injected."""

    def __init__(self, settings: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self.injected: Counter[str] = Counter()
        self.configure(settings or FaultSettings())

    def configure(self, settings: FaultSettings) -> None:
        with self._lock:
            self.settings = settings
            self._script = deque(settings.script)
            self._rng = random.Random(settings.seed)

    def draw(self, scope: Scope) -> FaultName:
        """The fault for one request to ``scope``."""
        with self._lock:
            s = self.settings
            if scope not in s.scope:
                return "none"
            fault = self._script.popleft() if self._script else self._random(s)
            if fault != "none":
                self.injected[fault] += 1
            return fault

    def _random(self, s: FaultSettings) -> FaultName:
        r = self._rng.random()
        for name, rate in (
            ("error", s.error_rate),
            ("throttle", s.throttle_rate),
            ("drop_after_commit", s.drop_after_commit_rate),
            ("malformed", s.malformed_rate),
            ("slow", s.slow_rate),
        ):
            if r < rate:
                if name == "throttle":
                    return "throttle_429" if self._rng.random() < 0.5 else "throttle_503"
                return cast(FaultName, name)  # the loop's names are faults, "throttle" aside
            r -= rate
        return "none"

    def delay(self, scope: Scope) -> float:
        """Seconds to wait before answering a request to ``scope``."""
        with self._lock:
            s = self.settings
            if scope not in s.scope or not (s.delay_s or s.delay_jitter_s):
                return 0.0
            return s.delay_s + self._rng.uniform(0, s.delay_jitter_s)

    def rejects(self, tx_id: str) -> bool:
        """Whether ``reject_rate`` rejects this id (the same answer every time)."""
        rate = self.settings.reject_rate
        if rate <= 0:
            return False
        digest = hashlib.sha256(tx_id.encode()).digest()
        return int.from_bytes(digest[:4], "big") / 2**32 < rate

    def malformed_body(self, answer: dict[str, list[Any]]) -> bytes:
        """One of several broken answers to the true ``answer``; one names only part of the ids."""
        listed = [*answer["accepted"], *answer["duplicates"], *answer["rejected"]]
        with self._lock:
            # The partial answer is only partial with two ids or more.
            choice = self._rng.randrange(5 if len(listed) > 1 else 4)
        if choice == 0:
            return b'{"accepted": ['
        if choice == 1:
            return b"<html><body>502 Bad Gateway</body></html>"
        if choice == 2:
            return b'{"accepted": "all", "duplicates": [], "rejected": []}'
        if choice == 3:
            return b'{"accepted": [], "duplicates": []}'
        # Valid shape and true, but it answers for the first id only.
        first = listed[0]
        return json.dumps({k: [x for x in v if x is first] for k, v in answer.items()}).encode()
