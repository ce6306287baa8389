"""What ``pip install dpia`` brings: every library dpia imports is a declared dependency."""

from __future__ import annotations

import ast
import configparser
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORT_SCRIPT = ROOT / "dpia" / "office_export.py"


def declared_requirements() -> set[str]:
    config = configparser.ConfigParser(inline_comment_prefixes=("#",))
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = config["options"]["install_requires"].split("\n")
    return {re.split(r"[<>=!~;\[ ]", line.strip(), maxsplit=1)[0].lower()
            for line in lines if line.strip()}


def imported_top_level_modules() -> dict[str, str]:
    """Top-level module -> first file that imports it, for every import in the package
    (except the script LibreOffice's own Python runs, which imports LibreOffice's ``uno``)."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "dpia").rglob("*.py")):
        if path == EXPORT_SCRIPT:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_imported_library_is_an_install_requirement():
    distributions = packages_distributions()
    declared = declared_requirements()
    undeclared = []
    for module, where in imported_top_level_modules().items():
        if module == "dpia" or module in sys.stdlib_module_names:
            continue
        names = {name.lower() for name in distributions.get(module, [module])}
        if not names & declared:
            undeclared.append(f"{module} (imported in {where}, distribution {sorted(names)})")
    assert not undeclared, f"imported but not in setup.cfg install_requires: {undeclared}"


def _shipped_packages() -> dict[str, Path]:
    """The packages setup.cfg ships: name -> its folder in the repository."""
    config = configparser.ConfigParser(inline_comment_prefixes=("#",))
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    folders = dict(line.split(" = ") for line in
                   config["options"]["package_dir"].strip().splitlines())
    return {name: ROOT / folders.get(name, name.replace(".", "/"))
            for name in config["options"]["packages"].split()}


def test_every_package_of_dpia_ships():
    shipped = {folder.resolve() for folder in _shipped_packages().values()}
    packages = [init.parent for init in (ROOT / "dpia").rglob("__init__.py")
                if "__pycache__" not in init.parts]
    missing = [str(folder.relative_to(ROOT)) for folder in packages
               if folder.resolve() not in shipped]
    assert not missing, f"packages not in setup.cfg [options] packages: {missing}"


def test_no_developer_script_ships():
    # every module of a shipped package is part of dpia: scripts that make package data or
    # samples (tools/, samples/, benchmarks/) live outside them
    scripts = [str(path.relative_to(ROOT)) for folder in _shipped_packages().values()
               for path in folder.glob("*.py")
               if path.stem.startswith(("make_", "bench", "generate"))]
    assert not scripts, f"developer scripts inside a shipped package: {scripts}"
    templates = _shipped_packages()["dpia.templates"]
    assert [path.name for path in templates.glob("*.py")] == ["__init__.py"]
