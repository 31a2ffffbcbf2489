"""The import rules of docs/design.md section 5: imports run one way down the layers,
and no two modules import each other (directly or in a longer cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import ROOT

PACKAGE = ROOT / "cleaner"

# Layer of each top-level module or folder of the package; lower numbers sit higher.
LAYERS: dict[str, int] = {
    "__init__": 1,
    "__main__": 1,
    "cli": 1,
    "spark": 2,
    "scrapy": 2,
    "datatrove": 2,
    "io": 2,
    "evaluation": 2,
    "learn": 2,
    "engine": 3,
    "html": 4,
    "heuristics": 4,
    "outlets": 5,
    "result": 6,
    "document": 6,
    "blocks": 6,
    "errors": 6,
    "categories": 6,
    "dates": 6,
    "native": 7,  # the compiled-or-pure switch: imported by the ground types, imports nothing of cleaner
}
TOP_LEVEL_LIMIT = 12  # modules directly in cleaner/: the face, the engine, the ground types, and the
# three adapters whose import paths users write (cleaner.spark, cleaner.scrapy, cleaner.datatrove)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 2:
        parts.pop()
    return ".".join(parts)


def part_of(module: str) -> str:
    """``cleaner.io.work`` -> ``io``; ``cleaner`` (the face) -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path, module: str) -> set[str]:
    """Every cleaner module this file imports, at any depth (lazy imports count)."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "cleaner" or name.startswith("cleaner.")}


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {}
    for module, path in files.items():
        targets = {name for name in imports_of(path, module) if name in files and name != module}
        edges[module] = targets
    return edges


def test_imports_run_down_the_layers() -> None:
    wrong = []
    for module, targets in graph().items():
        for target in targets:
            if target == "cleaner" and module == "cleaner.__main__":
                continue
            if LAYERS[part_of(target)] < LAYERS[part_of(module)]:
                wrong.append(f"{module} imports {target}, a layer above it")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_every_part_has_a_layer_and_the_top_level_stays_small() -> None:
    parts = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    assert parts <= set(LAYERS), (
        f"no layer for {sorted(parts - set(LAYERS))}: add it here and to docs/design.md"
    )
    assert len(list(PACKAGE.glob("*.py"))) <= TOP_LEVEL_LIMIT
