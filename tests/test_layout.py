"""The layout: imports flow one way, and each section's story stays in its own module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from summarizer.sections import BUILT_IN

PACKAGE = Path(__file__).resolve().parent.parent / "summarizer"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    return modules


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module in modules:
            found.add(node.module)
            found.update(
                f"{node.module}.{a.name}"
                for a in node.names
                if f"{node.module}.{a.name}" in modules
            )
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
    return found


def test_no_module_imports_itself_back() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for step in graph[start]:
            if step == goal or (step not in seen and reaches(step, goal, seen | {step})):
                return True
        return False

    cycles = [name for name in graph if reaches(name, name, {name})]
    assert cycles == []


# Where a built-in section's name may be written besides its own module: the names the
# templates' variables share with sections (lists of cues, not the sections), and a unit.
ALLOWED = {
    "sections/_context.py": {"people", "countries"},
    "_cues/quantities.py": {"people"},
    "_eval/units.py": {"people"},
    "_eval/gold.py": {"events"},  # Commodity News rows have an "events" key
}


def test_no_built_in_section_is_named_outside_its_own_module() -> None:
    names = {section.name for section in BUILT_IN} | {"topics"}
    own = {f"sections/{section.name}.py" for section in BUILT_IN}
    found = []
    for path in PACKAGE.rglob("*.py"):
        where = str(path.relative_to(PACKAGE))
        if where in own:
            continue
        for name in set(re.findall(r"[\"'](\w+)[\"']", path.read_text(encoding="utf-8"))):
            if name in names and name not in ALLOWED.get(where, set()):
                found.append(f"{where}: {name!r}")
    assert found == []
