"""The import graph perf-action's layers rest on (the contracts themselves run in `make lint`)."""

from __future__ import annotations

import grimp


def test_no_module_imports_itself_back_however_indirectly():
    graph = grimp.build_graph("perfaction")
    cycles = [
        (importer, imported)
        for importer in sorted(graph.modules)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
        if graph.chain_exists(importer=imported, imported=importer)
    ]
    assert cycles == []
