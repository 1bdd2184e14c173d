"""deploy/requirements.lock is what the appliance installs: current, complete, hashed."""

from __future__ import annotations

import re

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.deploy.paths import REPO

LOCK = REPO / "deploy" / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def _digest_module() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "dependency_digest", REPO / "deploy" / "dependency_digest.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entries() -> dict[str, tuple[str, list[str]]]:
    """name → (version, hashes) of every pin in the lock file."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            entries[current] = (match.group(2), [])
        elif current and line.strip().startswith("--hash=sha256:"):
            entries[current][1].append(line.strip().removesuffix("\\").strip())
    return entries


def _runtime_dependencies() -> list[Requirement]:
    """The runtime dependencies and the extras the appliance installs (the HID scanner's)."""
    module = _digest_module()
    return [Requirement(d) for d in module.locked_requirements(REPO / "pyproject.toml")]  # type: ignore[attr-defined]


def test_lock_was_made_from_the_current_dependency_list() -> None:
    recorded = re.search(r"^# dependencies-sha256: ([0-9a-f]{64})$", LOCK.read_text(), re.M)
    assert recorded, "requirements.lock lacks its dependencies-sha256 line: run deploy/lock.sh"
    current = _digest_module().dependency_digest(REPO / "pyproject.toml")  # type: ignore[attr-defined]
    assert recorded.group(1) == current, (
        "pyproject.toml's dependencies changed since deploy/requirements.lock was made: "
        "run bash deploy/lock.sh and commit the result"
    )


def test_every_runtime_dependency_is_pinned_within_its_range() -> None:
    entries = _entries()
    for req in _runtime_dependencies():
        name = canonicalize_name(req.name)
        assert name in entries, f"{req.name} is a dependency but not in requirements.lock"
        version = entries[name][0]
        assert req.specifier.contains(version, prereleases=True), (
            f"{req.name}=={version} in requirements.lock is outside {req.specifier}"
        )


def test_every_pin_has_a_hash_and_no_test_tool_is_locked() -> None:
    entries = _entries()
    assert len(entries) >= len(_runtime_dependencies())
    for name, (_, hashes) in entries.items():
        assert hashes, f"{name} has no --hash in requirements.lock"
    assert "evdev-binary" in entries  # USB keyboard-wedge scanners, without a compiler
    for tool in ("pytest", "mypy", "ruff", "hypothesis", "import-linter"):
        assert tool not in entries, f"{tool} is a test tool, not a runtime dependency"
