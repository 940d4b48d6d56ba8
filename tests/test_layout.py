"""The package's folders are the pipeline's stages, and imports run one way: a module
imports its own stage, the stages below it and the shared modules, never a stage above."""

from __future__ import annotations

import ast
from pathlib import Path

import repcast

PACKAGE = Path(repcast.__file__).parent
SHARED = {"errors", "files", "proc", "timing", "audio", "version"}
# Lowest first. `notes` reads and writes routines beside the pipeline; `build` wires one
# build from the stages below it; the CLI and the package's API sit on top.
LAYERS = ["shared", "routine", "coach", "notes", "voice", "sound", "build", "show", "top"]
TOP = {"cli", "__init__", "__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def layer(module: str) -> str:
    head = module.split(".")[0]
    if head in SHARED:
        return "shared"
    if head in TOP:
        return "top"
    return head


def imports(path: Path) -> set[str]:
    """Every module of the package that ``path`` imports, at its top or inside a function."""
    name = module_name(path)
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    if name == "__init__":
        package = []
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            if node.module:
                found.add(".".join([*base, node.module]))
            else:
                found.update(".".join([*base, alias.name]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("repcast."):
            found.add(node.module.removeprefix("repcast."))  # type: ignore[union-attr]
    return {
        m
        for m in found
        if (PACKAGE / (m.replace(".", "/") + ".py")).exists()
        or (PACKAGE / m.replace(".", "/") / "__init__.py").exists()
    }


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def test_every_module_belongs_to_a_stage() -> None:
    assert {layer(m) for m in graph()} <= set(LAYERS)


def test_no_module_imports_a_stage_above_its_own() -> None:
    upward = [
        f"{module} ({layer(module)}) imports {dep} ({layer(dep)})"
        for module, deps in graph().items()
        for dep in deps
        if LAYERS.index(layer(dep)) > LAYERS.index(layer(module))
    ]
    assert not upward


def test_no_import_cycles() -> None:
    edges = graph()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join([*path, module])
        if module in done:
            return
        for dep in edges.get(module, ()):
            visit(dep, (*path, module))
        done.add(module)

    for module in edges:
        visit(module, ())


def test_every_stage_says_what_it_holds_and_may_import() -> None:
    for folder in PACKAGE.iterdir():
        if (folder / "__init__.py").exists():
            doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text("utf-8")))
            assert doc and "Imports" in doc, folder.name


def test_relative_imports_resolve_as_python_resolves_them() -> None:
    assert layer("routine.plan") == "routine" and layer("show.batch") == "show"
    assert "routine.model" in imports(PACKAGE / "routine" / "plan.py")
    assert "build" in imports(PACKAGE / "show" / "batch.py")
    assert "errors" in imports(PACKAGE / "show" / "batch.py")
