"""What the step-page tests share: a flow host on the screen, a flow of some steps in it."""

from __future__ import annotations

from collections.abc import Mapping

from pytestqt.qtbot import QtBot

from kiosk.config.schema import load_config
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import SessionManager
from ui.executor import GuiExecutor
from ui.flow_host import FlowHost


def shown_host(qtbot: QtBot) -> FlowHost:
    """A flow host at the panel's size, shown; closed with the test."""
    host = FlowHost()
    qtbot.addWidget(host)
    host.resize(1920, 1000)
    host.show()
    return host


def start_flow(
    host: FlowHost, base: str, steps: list[str], devices: Mapping[str, object] | None = None
) -> Flow:
    """The service ``base`` cut down to ``steps``, running in ``host`` in Chinese."""
    config = load_config()
    env = FlowEnv(
        config=config,
        idle=IdleTracker(60, 30),
        devices=FlowDevices(devices),
        run_async=GuiExecutor(parent=host).run,
    )
    service = config.service(base).model_copy(update={"steps": steps})
    flow = Flow(service, SessionManager().start(base), env)
    host.run(flow, "zh")
    return flow
