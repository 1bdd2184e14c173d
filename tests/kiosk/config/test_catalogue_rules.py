"""The catalogue's own rules: icons, text messages promised and asked for, 一件事 bundles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.config.schema import DEFAULT_ICON, Catalogue, load_config


def service(sid: str, **over: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": sid,
        "name": {"zh": sid, "en": sid},
        "department": {"zh": "综合", "en": "General"},
        "summary": {"zh": "一行", "en": "one line"},
        "time_limit": {"zh": "即时", "en": "At once"},
        "hours": {"zh": "24小时", "en": "24 hours"},
        "steps": ["start", "confirm", "submit", "success", "rating"],
    }
    return entry | over


def check(*services: dict[str, Any]) -> Catalogue:
    return Catalogue.model_validate({"services": list(services)})


def test_the_shipped_catalogue_is_large_and_complete() -> None:
    services = load_config().services
    assert len(services) >= 30
    assert len({s.department.zh for s in services}) >= 14
    assert len({s.department.en for s in services}) == len({s.department.zh for s in services})
    for s in services:
        assert s.icon.startswith("mdi6.") and s.icon != DEFAULT_ICON, s.id  # each its own
        assert s.summary.zh and s.summary.en and s.time_limit.en and s.hours.en
        assert s.steps[-1] == "rating", s.id
    bundles = [s for s in services if s.bundle]
    assert bundles and all(len(b.bundle) >= 2 for b in bundles)


def test_every_icon_is_in_the_icon_font() -> None:
    import qtawesome  # the home screen's icon set (the ui's dependency)

    fonts = Path(qtawesome.__file__).parent / "fonts"
    charmaps = sorted(fonts.glob("materialdesignicons6-webfont-charmap*"))
    names = json.loads(charmaps[-1].read_text())
    missing = [s.icon for s in load_config().services if s.icon.removeprefix("mdi6.") not in names]
    assert missing == []


def test_an_icon_defaults_and_must_be_an_mdi6_name() -> None:
    assert check(service("a")).services[0].icon == DEFAULT_ICON
    with pytest.raises(ValidationError, match="icon"):
        check(service("a", icon="fa5s.home"))


def test_a_promised_text_message_needs_the_number_step_and_only_then() -> None:
    with pytest.raises(ValidationError, match="sms_on_ready = true needs the 'sms_phone'"):
        check(service("a", sms_on_ready=True))
    steps = ["start", "sms_phone", "confirm", "submit", "success", "rating"]
    with pytest.raises(ValidationError, match="sms_on_ready = false"):
        check(service("a", steps=steps))
    assert check(service("a", sms_on_ready=True, steps=steps)).services[0].sms_on_ready


def test_a_bundle_names_other_case_filing_services_and_sums_their_fees() -> None:
    a, b = service("a", fee_fen=100), service("b", fee_fen=200)
    ok = check(a, b, service("ab", bundle=["a", "b"], fee_fen=300))
    assert ok.services[-1].bundle == ["a", "b"]
    bad = {
        "is not another service": service("x", bundle=["a", "nope"], fee_fen=100),
        "must file a case": service("x", bundle=["a", "c"], fee_fen=100),
        "members' sum": service("x", bundle=["a", "b"]),
        "at least two": service("x", bundle=["a"], fee_fen=100),
        "no submit step": service("x", bundle=["a", "b"], fee_fen=300, steps=["start"]),
    }
    no_case = service("c", steps=["browse_guide", "rating"])
    for message, entry in bad.items():
        with pytest.raises(ValidationError, match=message):
            check(a, b, no_case, entry)
    with pytest.raises(ValidationError, match="must file a case"):  # no bundle of bundles
        check(
            a,
            b,
            service("ab", bundle=["a", "b"], fee_fen=300),
            service("y", bundle=["ab", "a"], fee_fen=400),
        )
