"""What a configuration simulates: the platform (``[platform] simulate``) and devices.

A device is simulated when its driver's name ends in ``-sim``. Anything simulated
makes the kiosk a demonstration: ``kiosk config check`` says so and the screens
carry a demo marker, so nobody mistakes it for a kiosk that files real cases.
"""

from __future__ import annotations

from kiosk.config.schema import KioskConfig

SIM_SUFFIX = "-sim"


def simulated_devices(config: KioskConfig) -> dict[str, str]:
    """Configured device name → driver, for the devices on a simulator."""
    return {
        name: dev.driver for name, dev in config.devices.items() if dev.driver.endswith(SIM_SUFFIX)
    }


def is_demo(config: KioskConfig) -> bool:
    """True when the platform or any device is simulated."""
    return config.platform.simulate or bool(simulated_devices(config))


def platform_line(config: KioskConfig) -> str:
    """One line naming the platform mode, for technicians."""
    if config.platform.simulate:
        return "platform: simulated (loopback simulator, demo data only)"
    return f"platform: {config.platform.base_url} (production)"


def devices_line(config: KioskConfig) -> str:
    """One line naming the simulated devices (or none), for technicians."""
    sims = simulated_devices(config)
    if not sims:
        return "simulated devices: none"
    return "simulated devices: " + ", ".join(f"{n} ({d})" for n, d in sorted(sims.items()))
