"""事项信息查询: browse and search the services catalogue."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.config.schema import Service, Text
from kiosk.flow.engine import Step, step_kind


def departments(services: Iterable[Service]) -> list[Text]:
    """Departments in catalogue order, each once."""
    seen: dict[str, Text] = {}
    for s in services:
        seen.setdefault(s.department.zh, s.department)
    return list(seen.values())


def search(
    services: Iterable[Service], keyword: str = "", department: str | None = None
) -> list[Service]:
    """Services matching every word of ``keyword`` (zh or en, any field), in ``department``.

    Services whose name matches come first; the catalogue order is kept otherwise.
    """
    words = keyword.casefold().split()
    by_name: list[Service]
    by_other: list[Service]
    by_name, by_other = [], []
    for s in services:
        if department is not None and department not in (s.department.zh, s.department.en):
            continue
        name = f"{s.name.zh} {s.name.en}".casefold()
        haystack = " ".join(
            t.zh + " " + t.en for t in (s.summary, s.department, s.time_limit, *s.materials)
        ).casefold()
        if not all(w in name or w in haystack for w in words):
            continue
        (by_name if words and all(w in name for w in words) else by_other).append(s)
    return by_name + by_other


@step_kind
class BrowseGuide(Step):
    kind = "browse_guide"
    prompt_key = "guide"
    cancellable = False

    def enter(self) -> None:
        self.keyword = ""
        self.department: str | None = None
        self.selected: Service | None = None
        self.changed()

    @property
    def services(self) -> list[Service]:
        return list(self.env.config.services)

    @property
    def departments(self) -> list[Text]:
        return departments(self.services)

    @property
    def results(self) -> list[Service]:
        return search(self.services, self.keyword, self.department)

    def set_keyword(self, keyword: str) -> None:
        self.keyword = keyword
        self.selected = None
        self.changed()

    def set_department(self, department: str | None) -> None:
        self.department = department
        self.selected = None
        self.changed()

    def select(self, service_id: str | None) -> None:
        self.selected = None if service_id is None else self.env.config.service(service_id)
        self.changed()

    def finish(self) -> None:
        self.complete()
