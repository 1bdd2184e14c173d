"""The start page and 办理成功; what the chrome asks of a flow (step count, nothing to cancel)."""

from __future__ import annotations

from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.success import group_reference
from kiosk.visit.session import SessionManager


def flow_of(env: FlowEnv, base: str, steps: list[str]) -> Flow:
    service = env.config.service(base).model_copy(update={"steps": steps})
    flow = Flow(service, SessionManager().start(service.id), env)
    flow.start()
    return flow


def test_reference_numbers_are_grouped_in_fours() -> None:
    assert group_reference("202612030641071504") == "2026 1203 0641 0715 04"
    assert group_reference("2026 1203 0641 0715 04") == "2026 1203 0641 0715 04"
    assert group_reference("") == ""


def test_every_service_but_the_guide_begins_with_its_start_page(env: FlowEnv) -> None:
    for service in env.config.services:
        if service.id != "service_guide":  # the guide is itself the information
            assert service.steps[0] == "start", service.id
    filed = [s for s in env.config.services if "submit" in s.steps]
    assert filed and all(
        s.steps[s.steps.index("submit") :][-2:] == ["success", "rating"] for s in filed
    )


def test_start_then_the_work_counted_without_start_success_and_rating(env: FlowEnv) -> None:
    flow = flow_of(env, "complaint", ["start", "complaint_form", "submit", "success", "rating"])
    assert flow.current.kind == "start" and flow.step_number() is None
    assert flow.nothing_to_cancel  # nothing begun yet: the way out is 返回首页
    flow.current.begin()
    assert flow.current.kind == "complaint_form"
    assert flow.step_number() == (1, 2)  # the form and submit: the real steps
    assert not flow.nothing_to_cancel  # leaving now gives the complaint up
    step = flow.current
    step.choose_category("complaint")
    step.toggle_reason("fees")
    step.set_phone("13800138000")
    step.send()
    assert flow.current.kind == "success"  # submit went through on the inline executor
    assert flow.step_number() is None and flow.submitted and flow.nothing_to_cancel
    success = flow.current
    assert success.reference.replace(" ", "") == flow.session.data["application_no"]
    assert len(success.reference.split(" ")[0]) == 4
    facts = success.next_steps
    assert facts.reply and facts.reply_phone == "138****8000"  # masked on the summary
    assert facts.time_limit.zh == "3 个工作日内回复"
    assert not facts.slip_printed and facts.pickup_working_days is None
    success.finish()
    assert flow.current.kind == "rating"
    assert flow.step_number() is None and flow.nothing_to_cancel


def test_success_of_a_card_service_says_when_and_where_to_collect(env: FlowEnv) -> None:
    flow = flow_of(env, "id_card_reissue", ["success", "rating"])
    flow.session.data["application_no"] = "202612030641071504"
    flow.session.data["slip.printed"] = True
    facts = flow.current.next_steps
    assert flow.current.reference == "2026 1203 0641 0715 04"
    assert facts.pickup_working_days == 15
    assert facts.hall_address == env.config.kiosk.hall_address
    assert facts.slip_printed and facts.help_phone == "12345" and not facts.reply
