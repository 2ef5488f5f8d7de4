"""Imports point down the layers: no module of the package imports, even inside a function, one
that imports it back (directly or through others)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "rcpdash"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    """Module → the package's modules it imports, from every import statement in its source."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                # "from . import tables" imports the submodule; "from .x import y" imports x.
                submodules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
                targets = submodules or [base]
            else:
                continue
            graph.add_edges_from((name, t) for t in targets if t in modules and t != name)
    return graph


def test_the_package_has_no_import_cycle():
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == []


def test_the_pure_layers_never_import_dash_or_the_ui():
    graph = import_graph()
    pure = ["rcpdash.data", "rcpdash.network", "rcpdash.metrics", "rcpdash.urlstate", "rcpdash.figures"]
    for module in pure:
        below = nx.descendants(graph, module)
        assert not [m for m in below if m.startswith("rcpdash.ui")], module
        source = (PACKAGE.parent / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        assert "import dash" not in source and "from dash" not in source, module
