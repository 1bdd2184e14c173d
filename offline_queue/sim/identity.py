"""Identity verification of the simulated platform (``POST /v1/identity/verify``).

The verifier is injectable: any callable taking an :class:`IdentityRequest` and
returning a :class:`VerifyOutcome`, or raising :class:`PersonNotFound` (404) or
:class:`NoUsableFace` (422). The default, :class:`RegistryVerifier`, follows
this explicit rule:

1. ``face_jpeg`` must be a JPEG (starts with FF D8 and ends with FF D9), else 422.
2. Liveness reported as not passed → ``match: false, score: 0.0``.
3. A person in the synthetic registry must be asked for with the same name,
   else 404. With a ``face_matcher`` injected and a record photo on file, the
   score is ``face_matcher(live_jpeg, record_jpeg)`` and the match is
   ``score >= threshold``; otherwise the record's ``expect_match`` decides
   (score 0.92 for a match, 0.21 for a mismatch).
4. An ID number not in the registry is 404 unless it is well formed (GB 11643
   check digit), in which case it is an unlisted synthetic citizen who matches
   with score 0.90, so any synthetic ID card works in a demo.

All records are synthetic; no real person is in it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from offline_queue.sim.rules import id_check_char, valid_id_number


class PersonNotFound(Exception):
    """No such person (404)."""


class NoUsableFace(Exception):
    """The image holds no usable face (422)."""


@dataclass(frozen=True)
class IdentityRequest:
    id_number: str
    name: str
    face_jpeg: bytes
    liveness: dict[str, Any] | None = None


@dataclass(frozen=True)
class VerifyOutcome:
    match: bool
    score: float


Verifier = Callable[[IdentityRequest], VerifyOutcome]
FaceMatcher = Callable[[bytes, bytes], float]


@dataclass(frozen=True)
class Person:
    """A synthetic person on record."""

    id_number: str
    name: str
    photo_jpeg: bytes | None = None
    expect_match: bool = True


def synthetic_id(area: str, birth: str, sequence: str) -> str:
    """A well-formed synthetic ID number: 6-digit area, YYYYMMDD, 3-digit sequence."""
    first17 = f"{area}{birth}{sequence}"
    return first17 + id_check_char(first17)


#: Placeholder names conventionally used for examples; the numbers are made up.
DEFAULT_PERSONS = (
    Person(synthetic_id("110105", "19800101", "001"), "张三"),
    Person(synthetic_id("310104", "19750612", "002"), "李四"),
    Person(synthetic_id("440106", "19501023", "003"), "王五"),
    Person(synthetic_id("510107", "19900315", "004"), "赵六", expect_match=False),
)


class SyntheticRegistry:
    """Thread-safe set of synthetic people the simulated platform knows."""

    def __init__(self, persons: tuple[Person, ...] | list[Person] = DEFAULT_PERSONS) -> None:
        self._lock = threading.Lock()
        self._people = {p.id_number: p for p in persons}

    def add(self, person: Person) -> None:
        with self._lock:
            self._people[person.id_number] = person

    def get(self, id_number: str) -> Person | None:
        with self._lock:
            return self._people.get(id_number)

    def __len__(self) -> int:
        return len(self._people)


def looks_like_jpeg(data: bytes) -> bool:
    return len(data) >= 4 and data[:2] == b"\xff\xd8" and data.rstrip(b"\x00")[-2:] == b"\xff\xd9"


class RegistryVerifier:
    """The default verifier; see the module docstring for its rule."""

    def __init__(
        self,
        registry: SyntheticRegistry,
        face_matcher: FaceMatcher | None = None,
        threshold: float = 0.6,
    ) -> None:
        self.registry = registry
        self.face_matcher = face_matcher
        self.threshold = threshold

    def __call__(self, req: IdentityRequest) -> VerifyOutcome:
        if not looks_like_jpeg(req.face_jpeg):
            raise NoUsableFace("not a JPEG image")
        if req.liveness is not None and not req.liveness.get("passed", False):
            return VerifyOutcome(False, 0.0)
        person = self.registry.get(req.id_number)
        if person is None:
            if not valid_id_number(req.id_number):
                raise PersonNotFound("unknown ID number")
            return VerifyOutcome(True, 0.90)
        if person.name != req.name:
            raise PersonNotFound("name does not match the record")
        if self.face_matcher is not None and person.photo_jpeg is not None:
            score = max(0.0, min(1.0, float(self.face_matcher(req.face_jpeg, person.photo_jpeg))))
            return VerifyOutcome(score >= self.threshold, score)
        return VerifyOutcome(True, 0.92) if person.expect_match else VerifyOutcome(False, 0.21)
