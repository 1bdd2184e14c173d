"""The periods a citizen can choose for a certificate that covers months (缴费证明, 完税证明).

Choices are whole months that have ended: the last twelve, last year, and this year
so far (not offered in January, when no month of it has ended yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Certificate kinds (platform-api.md v1.1) whose request names the months they cover.
PERIOD_KINDS = frozenset({"social_insurance_payment", "tax_payment", "housing_fund_deposit"})


@dataclass(frozen=True)
class Period:
    key: str  # "last_12" | "last_year" | "this_year": the page words it
    first: tuple[int, int]  # (year, month), included
    last: tuple[int, int]

    @property
    def params(self) -> dict[str, str]:
        """The contract's ``params``: ``{"from": "2025-01", "to": "2025-12"}``."""
        return {"from": _ym(self.first), "to": _ym(self.last)}


def _ym(month: tuple[int, int]) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _minus(month: tuple[int, int], n: int) -> tuple[int, int]:
    index = month[0] * 12 + month[1] - 1 - n
    return index // 12, index % 12 + 1


def period_choices(today: date) -> list[Period]:
    """The periods offered on ``today``, the default (last twelve months) first."""
    last_month = _minus((today.year, today.month), 1)
    choices = [
        Period("last_12", _minus(last_month, 11), last_month),
        Period("last_year", (today.year - 1, 1), (today.year - 1, 12)),
    ]
    if today.month > 1:
        choices.append(Period("this_year", (today.year, 1), last_month))
    return choices


def needs_period(kind: str) -> bool:
    return kind in PERIOD_KINDS
