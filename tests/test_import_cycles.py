"""No import circles in the project's packages: a circle makes every reader guess the load order.

Imports made only for type checking (``if TYPE_CHECKING:``) load nothing and are left out.
"""

from __future__ import annotations

import grimp

PACKAGES = ("kiosk", "drivers", "offline_queue", "ui", "hostio")


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True, cache_dir=None)
    circles = sorted(
        {
            tuple(sorted((module, imported)))
            for module in graph.modules
            for imported in graph.find_modules_directly_imported_by(module)
            if graph.chain_exists(importer=imported, imported=module)
        }
    )
    assert circles == []
