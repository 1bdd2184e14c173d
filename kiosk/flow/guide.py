"""事项信息查询: browse and search the services catalogue.

A keyword matches a service's texts in either language, or, typed as Latin letters,
the pinyin initials of its Chinese name ("sfz" finds 身份证补领; ``kiosk.flow.initials``).
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.config.schema import Service, Text
from kiosk.flow.engine import Step, step_kind
from kiosk.flow.initials import initials


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

    Services whose name matches come first: by its words or the start of its initials
    ("sb" 社保…), then by initials inside it ("yb" 城乡居民医保…); then the rest. The
    catalogue order is kept within each.
    """
    words = keyword.casefold().split()
    ranked: tuple[list[Service], list[Service], list[Service]] = ([], [], [])
    for s in services:
        if department is not None and department not in (s.department.zh, s.department.en):
            continue
        name = f"{s.name.zh} {s.name.en}".casefold()
        # The initials only when letters are asked for: working them out is a lookup.
        abbr = initials(s.name.zh) if any(_letters(w) for w in words) else ""
        haystack = " ".join(
            t.zh + " " + t.en for t in (s.summary, s.department, s.time_limit, *s.materials)
        ).casefold()
        if all(w in name or abbr.startswith(w) for w in words):
            ranked[0].append(s)
        elif all(w in name or w in abbr for w in words):
            ranked[1].append(s)
        elif all(w in name or w in abbr or w in haystack for w in words):
            ranked[2].append(s)
    return [*ranked[0], *ranked[1], *ranked[2]]


def _letters(word: str) -> bool:
    return word.isascii() and word.isalpha()


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
