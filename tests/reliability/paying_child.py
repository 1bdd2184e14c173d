"""A kiosk process that takes a fee and then dies: the child of test_payment_crash.

    python -m tests.reliability.paying_child SITE_TOML

It starts the kiosk core on the site file (the payment gateway is the parent's
simulator, over HTTP), walks a fee-paying service headless up to the payment,
charges a wallet code, prints ``PAID <order> <application>`` once the fee is
taken, and waits at the confirm step, where its parent kills it. When the
gateway delays its answer, the parent kills it during the charge instead.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.flow.engine import Flow, FlowEnv, inline_executor
from kiosk.visit.idle import IdleTracker

CODE = "134567890123456789"


def main() -> None:
    config = load_config(Path(sys.argv[1]))
    core = KioskCore(config)
    core.start()
    env = FlowEnv(
        config=config,
        idle=IdleTracker(3600, 60),
        devices=core.flow_devices,
        outbox=core.outbox,
        platform=core.platform,
        services=core.flow_services,
        run_async=inline_executor,
    )
    service = config.service("id_card_renewal").model_copy(
        update={"steps": ["payment", "confirm", "submit"]}
    )
    flow = Flow(service, core.sessions.start(service.id), env)
    flow.start()
    print("CHARGING", flush=True)
    flow.current.charge(CODE)
    data = flow.session.data
    print("PAID", data["payment.order_no"], data["application_no"], flush=True)
    threading.Event().wait()  # at the confirm step until killed


if __name__ == "__main__":
    main()
