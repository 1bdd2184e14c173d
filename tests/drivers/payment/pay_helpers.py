"""Helpers shared by the payment tests: synthetic payment codes and an event recorder."""

from __future__ import annotations

from tests.drivers.recorder import E, Recorder  # noqa: F401 - shared by these tests

#: Synthetic payment codes in the wallets' shapes (never real ones).
WECHAT_CODE = "134512345678901234"
ALIPAY_CODE = "281234567890123456"
