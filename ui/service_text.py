"""Formatting of catalogue values for citizens."""

from __future__ import annotations


def format_fee(fee_fen: int, free_text: str, yuan_suffix: str) -> str:
    """40.00 元 from 4000 fen; ``free_text`` for 0."""
    if fee_fen == 0:
        return free_text
    return f"{fee_fen // 100}.{fee_fen % 100:02d} {yuan_suffix}"
