"""Configuration: the pydantic schema and the layered TOML loader.

The files live in ``config/`` (data only). ``kiosk.toml`` holds the defaults;
a site file given with ``--config`` is layered over them (tables merge key by
key, everything else is replaced). The services catalogue is its own file,
named by ``catalogue`` relative to the file that names it.

A bad file stops start-up with :class:`ConfigError`, whose message names the
file, the key path and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretBytes,
    SecretStr,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from drivers import registry
from kiosk.config import paths
from kiosk.config.capture import CaptureSettings
from kiosk.config.hardware import DEFAULT_LAYOUT, HardwareLayout
from kiosk.config.health import HealthSettings
from kiosk.config.maintenance import MaintenanceSettings
from offline_queue.settings import PlatformSettings, QueueSettings

CONFIG_VERSION: Final = 1


class ConfigError(Exception):
    """The configuration cannot be used; ``problems`` lists each (file, key, message)."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems
        lines = [
            f"{file}: {key}: {msg}" if key else f"{file}: {msg}" for file, key, msg in problems
        ]
        super().__init__("\n".join(lines))


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True, frozen=True)


class Text(Model):
    """A text shown to citizens, in both languages."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.zh


class OptionalText(Text):
    """A citizen text that may be left out: empty in both languages by default."""

    zh: str = ""
    en: str = ""


class KioskIdentity(Model):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9._-]+$")
    """Kiosk id known to the platform (X-Kiosk-Id)."""
    name: Text
    """Where the kiosk stands, shown on screens and slips."""
    hall_address: Text
    hall_hours: Text
    help_phone: str = ""
    staffed_days: list[Annotated[int, Field(ge=1, le=7)]] = Field(default=[1, 2, 3, 4, 5])
    """ISO weekdays (1 = Monday) on which staff are in the hall for "请工作人员协助"."""
    staffed_from: dt.time = dt.time(9, 0)
    staffed_until: dt.time = dt.time(17, 0)
    staff_wait_min: int = Field(5, ge=1, le=120)
    """About how long staff take to come while the hall is staffed."""
    video_help: Text | None = None
    """How to reach video help, where the hall has it; said when staff are called."""
    data_dir: Path | None = None
    """Queue database, keys and logs; default: $KIOSK_DATA_DIR, $STATE_DIRECTORY or ./var."""

    def resolved_data_dir(self) -> Path:
        return self.data_dir if self.data_dir is not None else paths.default_data_dir()


class DeviceConfig(Model):
    driver: str = Field(min_length=1)
    """Name of a driver in the kiosk.drivers entry-point group."""
    settings: dict[str, Any] = Field(default_factory=dict)
    """Driver-specific settings, validated by the driver's own schema."""


class UiSettings(Model):
    language: Literal["zh", "en"] = "zh"
    """Language at the start of each session."""
    fullscreen: bool = True
    large_type_default: bool = False
    panel_diagonal_in: float = Field(21.5, gt=5, lt=100)
    """Physical panel size; EDID often lies, so it is configured."""
    panel_width_px: int = Field(1920, gt=0)
    panel_height_px: int = Field(1080, gt=0)
    min_target_mm: float = Field(15.0, ge=9)
    """Shortest side of any touch target."""
    body_font_px: int = Field(28, ge=18)
    large_type_factor: float = Field(1.5, ge=1.2, le=2.5)
    voice: bool = True
    hide_cursor: bool = True
    """No pointer shown in full screen (touch panels); false for a panel used with a mouse."""
    hardware_layout: HardwareLayout = DEFAULT_LAYOUT
    """Where the devices sit around the screen (``kiosk.config.hardware``): the pictures."""


class Timeouts(Model):
    idle_s: float = Field(60, ge=10)
    """Inactivity before asking whether the citizen needs more time."""
    prompt_s: float = Field(30, ge=20)
    """How long the "need more time?" prompt waits (WCAG 2.2.1: at least 20 s)."""
    large_type_time_factor: float = Field(2.0, ge=1)
    """Idle budgets are multiplied by this in large-type (长辈版) mode."""

    @model_validator(mode="before")
    @classmethod
    def _renamed_factor(cls, data: Any) -> Any:
        # [ui] large_type_factor scales text; this one scales time and was renamed.
        if isinstance(data, dict) and "large_type_factor" in data:
            raise ValueError(
                "large_type_factor was renamed large_type_time_factor here "
                "([ui] large_type_factor is the text scale)"
            )
        return data


StepName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


#: The home tile's icon when a service names none.
DEFAULT_ICON: Final = "mdi6.file-document-outline"
#: The step that asks for a mobile number for the result's text message.
SMS_STEP: Final = "sms_phone"


class Service(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Text
    department: Text
    summary: Text = Field(default_factory=OptionalText)
    """One line under the name on the home tile and in the guide: what the service does."""
    icon: str = Field(DEFAULT_ICON, pattern=r"^mdi6\.[a-z0-9]+(?:-[a-z0-9]+)*$")
    """A qtawesome icon name of the Material Design Icons 6 set, for the home tile."""
    fee_fen: int = Field(0, ge=0)
    """Fee in fen (分); 0 means free."""
    materials: list[Text] = Field(default_factory=list)
    eligibility: Text | None = None
    """Who can use the service (its start page)."""
    minutes: int | None = Field(None, ge=1, le=120)
    """About how long a visit takes at the kiosk (its start page)."""
    time_limit: Text
    hours: Text
    requires: list[str] = Field(default_factory=list)
    """Device names (keys of [devices]) the service cannot run without."""
    pickup_working_days: int | None = Field(None, ge=0, le=120)
    """Promised working days until the result can be collected (printed on the slip)."""
    sms_on_ready: bool = False
    """The department texts the applicant when the result is ready (said on 办理成功)."""
    steps: list[StepName] = Field(min_length=1)
    enabled: bool = True
    certificate: str | None = Field(None, pattern=r"^[a-z][a-z0-9_]*$")
    """The platform's certificate kind a certificate service fetches and prints."""
    bundle: list[str] = Field(default_factory=list)
    """一件事: the services (ids) this one files together, one case each, in one visit."""


class Catalogue(Model):
    services: list[Service] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalogue:
        seen: set[str] = set()
        for s in self.services:
            if s.id in seen:
                raise ValueError(f"service id {s.id!r} appears twice")
            seen.add(s.id)
        for s in self.services:
            _check_sms(s)
            if s.bundle:
                _check_bundle(s, {x.id: x for x in self.services})
        return self


def _check_sms(s: Service) -> None:
    """A promised text message needs a number to go to, and a number is asked only for one."""
    if s.sms_on_ready != (SMS_STEP in s.steps):
        raise ValueError(
            f"service {s.id!r}: sms_on_ready = {str(s.sms_on_ready).lower()} "
            f"needs the {SMS_STEP!r} step {'in' if s.sms_on_ready else 'out of'} its steps"
        )


def _check_bundle(s: Service, by_id: dict[str, Service]) -> None:
    """A bundle files one case per member: members are real, plain, case-filing services."""
    if "submit" not in s.steps:
        raise ValueError(f"bundle {s.id!r} has no submit step")
    if len(set(s.bundle)) != len(s.bundle) or len(s.bundle) < 2:
        raise ValueError(f"bundle {s.id!r}: name at least two different services")
    for member_id in s.bundle:
        member = by_id.get(member_id)
        if member is None or member is s:
            raise ValueError(f"bundle {s.id!r}: {member_id!r} is not another service")
        if member.bundle or "submit" not in member.steps:
            raise ValueError(f"bundle {s.id!r}: {member_id!r} must file a case of its own")
    total = sum(by_id[m].fee_fen for m in s.bundle)
    if s.fee_fen != total:
        raise ValueError(f"bundle {s.id!r}: fee_fen must be its members' sum ({total})")


class KioskConfig(Model):
    config_version: Literal[1] = CONFIG_VERSION
    catalogue: Path = Path("services.toml")
    """Services catalogue file, relative to the file that names it."""
    kiosk: KioskIdentity
    platform: PlatformSettings = Field(default_factory=PlatformSettings)
    queue: QueueSettings = Field(default_factory=QueueSettings)
    ui: UiSettings = Field(default_factory=UiSettings)
    timeouts: Timeouts = Field(default_factory=Timeouts)
    capture: CaptureSettings = Field(default_factory=CaptureSettings)
    health: HealthSettings = Field(default_factory=HealthSettings)
    maintenance: MaintenanceSettings = Field(default_factory=MaintenanceSettings)
    devices: dict[str, DeviceConfig] = Field(default_factory=dict)
    services: list[Service] = Field(default_factory=list)
    """Filled from the catalogue file by the loader."""

    def service(self, service_id: str) -> Service:
        for s in self.services:
            if s.id == service_id:
                return s
        raise KeyError(service_id)


# ---------------------------------------------------------------- loading


#: Deepest nesting of tables and arrays a file may have; the schema needs 4.
MAX_DEPTH = 16


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError([(str(path), "", "file not found")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([(str(path), "", f"TOML syntax error: {exc}")]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([(str(path), "", f"not UTF-8 text: {exc}")]) from None
    except OSError as exc:
        raise ConfigError([(str(path), "", f"cannot read: {exc}")]) from None
    except RecursionError:  # tomllib's parser recurses once per nested array or table
        raise ConfigError([(str(path), "", f"nested deeper than {MAX_DEPTH} levels")]) from None
    if _depth(data) > MAX_DEPTH:  # merging and validation recurse too
        raise ConfigError([(str(path), "", f"nested deeper than {MAX_DEPTH} levels")])
    return data


def _depth(data: Any) -> int:
    """Nesting depth of tables and arrays, without recursion."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        value, level = todo.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                items = value.values() if isinstance(value, dict) else value
                todo.extend((v, level + 1) for v in items)
    return deepest


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _has_path(data: Any, loc: tuple[Any, ...]) -> bool:
    for part in loc:
        in_dict = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if in_dict or in_list:
            data = data[part]
        else:
            return False
    return True


def _blame(loc: tuple[Any, ...], layers: list[tuple[Path, dict[str, Any]]]) -> Path:
    """The file that supplied the key at ``loc`` (the last layer wins), else its nearest table."""
    path: Path  # mypy reads reversed() of a list holding Any as Any
    for depth in range(len(loc), 0, -1):
        for path, data in reversed(layers):
            if _has_path(data, loc[:depth]):
                return path
    return layers[-1][0]


def _key(loc: tuple[Any, ...]) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")


def _secret_field(model: type[BaseModel], loc: tuple[Any, ...]) -> bool:
    """Whether ``loc`` names a secret-typed field (SecretStr, SecretBytes) of ``model``."""
    current: Any = model
    for part in loc:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return False
        field = current.model_fields.get(str(part))
        if field is None:
            return False
        current = field.annotation
        if isinstance(current, type) and issubclass(current, SecretStr | SecretBytes):
            return True
    return False


def _describe(err: ErrorDetails, secret: bool = False) -> str:
    msg = str(err["msg"])
    if err["type"] == "extra_forbidden":
        return "unknown key"
    if err["type"] == "missing":
        return "required key is missing"
    # A rejected secret is still a secret: never echo what was given for one.
    if secret or isinstance(err.get("input"), dict):
        return msg
    if "input" in err and err["type"] not in ("model_type", "dict_type"):
        shown = repr(err["input"])
        if len(shown) > 60:
            shown = shown[:57] + "..."
        msg += f" (got {shown})"
    return msg


def _problems(
    exc: ValidationError,
    layers: list[tuple[Path, dict[str, Any]]],
    prefix: tuple[Any, ...] = (),
    model: type[BaseModel] = BaseModel,
) -> list[tuple[str, str, str]]:
    out = []
    for err in exc.errors():
        loc = prefix + tuple(err["loc"])
        secret = _secret_field(model, tuple(err["loc"]))
        out.append((str(_blame(loc, layers)), _key(loc), _describe(err, secret)))
    return out


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate a services catalogue file on its own."""
    layers = [(path, _read_toml(path))]
    try:
        return Catalogue.model_validate(layers[0][1])
    except ValidationError as exc:
        raise ConfigError(_problems(exc, layers)) from None


def is_catalogue(path: Path) -> bool:
    """True for a file holding only ``[[services]]`` (a catalogue, not a kiosk configuration)."""
    try:
        return set(_read_toml(path)) == {"services"}
    except ConfigError:
        return False


def load_config(path: Path | str | None = None) -> KioskConfig:
    """Load the defaults, layer the site file ``path`` over them, and validate all."""
    default_file = paths.default_config_file()
    layers: list[tuple[Path, dict[str, Any]]] = [(default_file, _read_toml(default_file))]
    if path is not None and Path(path).resolve() != default_file.resolve():
        site = Path(path)
        layers.append((site, _read_toml(site)))

    merged: dict[str, Any] = {}
    for _, data in layers:
        merged = _merge(merged, data)
    if len(layers) > 1:
        merged = _site_states_its_platform(merged, layers[-1][1])
    if "services" in merged:
        raise ConfigError(
            [(str(_blame(("services",), layers)), "services", "services belong in the catalogue")]
        )

    # The catalogue path is relative to the file that named it.
    cat_source = _blame(("catalogue",), layers) if "catalogue" in merged else default_file
    cat_name = merged.get("catalogue", "services.toml")
    if not isinstance(cat_name, str):
        raise ConfigError(
            [(str(cat_source), "catalogue", f"must be a file name (got {cat_name!r})")]
        )
    cat_path = cat_source.parent / cat_name
    catalogue = load_catalogue(cat_path)

    try:
        config = KioskConfig.model_validate({**merged, "services": catalogue.services})
    except ValidationError as exc:
        raise ConfigError(_problems(exc, layers, model=KioskConfig)) from None

    problems = _check_platform(config, layers)
    problems += _check_devices(config, layers)
    problems += _check_services(config, cat_path)
    if problems:
        raise ConfigError(problems)
    return config


def _site_states_its_platform(merged: dict[str, Any], site: dict[str, Any]) -> dict[str, Any]:
    """Drop the defaults' ``platform.simulate`` unless the site file sets it itself.

    The defaults are the development setup (simulated); a site file is a real
    kiosk unless it asks for simulation, so one that forgets its platform URL is
    refused instead of quietly keeping citizens' data in the simulator.
    """
    platform, own = merged.get("platform"), site.get("platform")
    if isinstance(platform, dict) and not (isinstance(own, dict) and "simulate" in own):
        return {**merged, "platform": {k: v for k, v in platform.items() if k != "simulate"}}
    return merged


def _check_platform(
    config: KioskConfig, layers: list[tuple[Path, dict[str, Any]]]
) -> list[tuple[str, str, str]]:
    if config.platform.simulate or config.platform.base_url:
        return []
    msg = (
        "no platform: set base_url to the platform's address, or simulate = true "
        "for a demo kiosk (a site file does not inherit simulate from the defaults)"
    )
    return [(str(layers[-1][0]), "platform.base_url", msg)]


def _check_devices(
    config: KioskConfig, layers: list[tuple[Path, dict[str, Any]]]
) -> list[tuple[str, str, str]]:
    problems: list[tuple[str, str, str]] = []
    for name, dev in config.devices.items():
        loc: tuple[Any, ...] = ("devices", name, "driver")
        try:
            settings = registry.load_settings(dev.driver)
        except (registry.UnknownDriverError, registry.DriverLoadError) as exc:
            problems.append((str(_blame(loc, layers)), _key(loc), str(exc)))
            continue
        try:
            settings.model_validate(dev.settings)
        except ValidationError as exc:
            problems += _problems(exc, layers, ("devices", name, "settings"), settings)
    return problems


def _check_services(config: KioskConfig, cat_path: Path) -> list[tuple[str, str, str]]:
    problems = []
    for i, service in enumerate(config.services):
        for device in service.requires:
            if device not in config.devices:
                problems.append(
                    (
                        str(cat_path),
                        f"services[{i}].requires",
                        f"service {service.id!r} requires device {device!r}, "
                        f"which is not configured under [devices]",
                    )
                )
    return problems


def driver_settings(config: KioskConfig, device: str) -> Any:
    """The validated settings object for one configured device."""
    dev = config.devices[device]
    return registry.load_settings(dev.driver).model_validate(dev.settings)
