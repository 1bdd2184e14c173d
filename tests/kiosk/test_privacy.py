"""One redaction path: masks, redaction of structures, and the log filter."""

from __future__ import annotations

import io
import json
import logging

from hypothesis import given
from hypothesis import strategies as st

from drivers.idcard.idnumber import make
from kiosk.logs import JsonFormatter
from kiosk.privacy import PiiLogFilter, mask_id_number, mask_name, mask_phone, redact, scrub_text

ID = "11010519491231002X"  # the GB 11643 standard's own example number


def test_masks() -> None:
    assert mask_id_number(ID) == "1101**********002X"
    assert mask_name("张三丰") == "张**"
    assert mask_name("阿依古丽·买买提") == "阿***·***"
    assert mask_phone("13912345678") == "139****5678"


def test_scrub_text_masks_numbers_but_not_timestamps() -> None:
    text = f"card {ID} phone 13912345678 at 202611222114 order 20261122211405739"
    out = scrub_text(text)
    assert ID not in out and "13912345678" not in out
    assert "1101**********002X" in out and "139****5678" in out
    assert "202611222114" in out and "20261122211405739" in out


def test_redact_structures() -> None:
    data = {
        "service": "x",
        "pii": {"name": "张三", "id_number": ID},
        "note": f"id {ID}",
        "photo": b"\xff\xd8",
        "list": [{"phone": "13912345678"}],
    }
    out = redact(data)
    assert out["pii"] == {"name": "<redacted>", "id_number": "<redacted>"}
    assert out["photo"] == "<redacted>" and out["list"] == [{"phone": "<redacted>"}]
    assert ID not in json.dumps(out, ensure_ascii=False)


def test_log_filter_masks_messages_and_extra_fields() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PiiLogFilter())
    logger = logging.getLogger("test.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("read card %s", ID, extra={"id_number": ID, "detail": f"n={ID}"})
    finally:
        logger.removeHandler(handler)
    line = stream.getvalue()
    assert ID not in line
    entry = json.loads(line)
    assert entry["msg"] == "read card 1101**********002X"
    assert entry["id_number"] == "<redacted>"
    assert entry["logger"] == "test.privacy"  # the logger's name is not a person's
    assert entry["detail"] == "n=1101**********002X"


@given(st.text())
def test_scrub_never_grows_a_number_into_the_output(text: str) -> None:
    out = scrub_text(text)
    assert len(out) == len(text)
    assert not any(m for m in __import__("re").findall(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])", out))


def _json_logger(name: str) -> tuple[logging.Logger, io.StringIO, logging.Handler]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PiiLogFilter())
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.propagate = False
    return logger, stream, handler


def test_tracebacks_and_stacks_are_scrubbed() -> None:
    logger, stream, handler = _json_logger("test.privacy.exc")
    try:
        try:
            raise ValueError(f"card {ID} phone 13912345678 refused")
        except ValueError:
            logger.exception("lookup failed", stack_info=True)
        logger.error("no exception here", stack_info=True)
    finally:
        logger.removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert "ValueError: card 1101**********002X phone 139****5678 refused" in first["exc"]
    assert "Stack (most recent call last)" in first["stack"]
    assert "stack" in second and "exc" not in second
    assert ID not in stream.getvalue() and "13912345678" not in stream.getvalue()


def test_only_valid_id_numbers_are_masked() -> None:
    application_no = "202612030000000000"  # 18 digits, fails the GB 11643 check digit
    assert scrub_text(f"/v1/applications/{application_no}") == f"/v1/applications/{application_no}"
    assert scrub_text(f"id {ID}") == "id 1101**********002X"
    assert scrub_text(f"id {ID.lower()}") == "id 1101**********002x"
    bad_check = ID[:17] + "1"
    assert scrub_text(bad_check) == bad_check
    # A right check digit over an impossible birth date (month 13) is no ID number either.
    no_date = make("11010519491331002")
    assert scrub_text(no_date) == no_date
