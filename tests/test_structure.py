"""The boundaries of the code: bot/ speaks to the index only through citebot.index's public names."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import citebot.index

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
    return out


def test_bot_imports_only_the_public_names_of_the_index():
    offenders = []
    for path in sorted((ROOT / "bot").glob("*.py")):
        for module, names in _imports(path):
            if module.startswith("citebot.index.") or module in ("index",) or module.startswith("index."):
                offenders.append(f"{path.name}: {module}")
            elif module == "citebot.index":
                offenders += [f"{path.name}: {n}" for n in names if n not in citebot.index.__all__]
    assert offenders == []


def test_every_error_is_a_citebot_error():
    for name in citebot.index.__all__:
        obj = getattr(citebot.index, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, citebot.index.CitebotError), name


def test_nothing_imports_the_folders_as_top_level_packages():
    for folder in ("bot", "index", "tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not [m for m, _ in _imports(path) if m.split(".")[0] in ("bot", "index")], path


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_make_lint_checks_the_layering_contracts():
    """`make lint` (which CI runs before the tests) runs lint-imports, so a shortcut import fails the build."""
    lint = re.search(r"^lint:.*?(?=^\S)", (ROOT / "Makefile").read_text(encoding="utf-8") + "\nend", re.M | re.S)
    assert lint and "lint-imports" in lint.group()
    assert {c["type"] for c in _contracts()} == {"layers", "forbidden", "acyclic_siblings"}


def test_every_folder_of_index_is_a_layer_of_the_contract():
    """A new folder under index/ must be placed in the layers, or nothing checks what it imports."""
    layers = next(c for c in _contracts() if c["type"] == "layers")
    named = {name.strip() for layer in layers["layers"] for name in re.split(r"[|:]", layer)}
    folders = {p.parent.name for p in (ROOT / "index").glob("*/__init__.py")}
    modules = {p.stem for p in (ROOT / "index").glob("*.py")} - {"__init__"}
    assert folders | modules == named


def test_bot_is_forbidden_every_private_part_of_the_index():
    forbidden = next(c for c in _contracts() if c["type"] == "forbidden")
    parts = {p.parent.name for p in (ROOT / "index").glob("*/__init__.py")}
    parts |= {p.stem for p in (ROOT / "index").glob("*.py")} - {"__init__"}
    assert set(forbidden["forbidden_modules"]) == {f"citebot.index.{part}" for part in parts}
