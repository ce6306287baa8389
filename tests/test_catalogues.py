"""The build compiles each language's messages.po (tools/catalogues.py, run by the build
backend in tools/build_backend.py), and dpia reads the compiled catalogue while it matches
its .po; a .po edited since, or a language without a compiled file, still speaks its words."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from dpia import i18n

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import catalogues  # noqa: E402 (a developer tool, not in the package)


def translate(language_path: Path, code: str, message: str) -> str:
    """``message`` as a fresh dpia process translates it, with ``language_path`` as
    DPIA_LANGUAGE_PATH."""
    script = f"from dpia import i18n; print(i18n.translate({message!r}, {code!r}))"
    env = {**os.environ, "DPIA_LANGUAGE_PATH": str(language_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def language_copy(tmp_path: Path) -> tuple[Path, Path]:
    """(language path, its messages.po): a copy of Dutch as language ``nl-test``."""
    root = tmp_path / "languages"
    shutil.copytree(ROOT / "templates" / "nl", root / "nl-test",
                    ignore=shutil.ignore_patterns("*.mo"))
    return root, root / "nl-test" / "messages.po"


def test_a_compiled_catalogue_is_named_after_its_po():
    data = (ROOT / "templates" / "nl" / "messages.po").read_bytes()
    assert i18n.compiled_name(data).startswith("messages.")
    assert i18n.compiled_name(data) != i18n.compiled_name(data + b"\n")


def test_the_build_compiles_every_shipped_catalogue(tmp_path):
    shutil.copytree(ROOT / "templates", tmp_path / "templates",
                    ignore=shutil.ignore_patterns("*.mo"))
    written = catalogues.compile_catalogues(tmp_path / "templates")
    shipped = sorted(path.parent.name for path in (ROOT / "templates").glob("*/messages.po"))
    assert [path.parent.name for path in written] == shipped
    for path in written:
        source = (path.parent / "messages.po").read_bytes()
        assert path.name == i18n.compiled_name(source)
        with path.open("rb") as handle:
            compiled = i18n.gettext.GNUTranslations(handle)
        assert compiled.gettext("error") == i18n.translate("error", path.parent.name) != "error"


def test_the_build_backend_compiles_before_setuptools_packs():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    system = pyproject["build-system"]
    assert system["build-backend"] == "build_backend"
    assert system["backend-path"] == ["tools"]
    assert any(requirement.startswith("Babel") for requirement in system["requires"])
    setup_cfg = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "*/messages.*.mo" in setup_cfg


def test_dpia_reads_the_compiled_catalogue_while_it_matches_its_po(tmp_path):
    root, po = language_copy(tmp_path)
    assert translate(root, "nl-test", "error") == "fout"  # no compiled file: the .po
    # a compiled catalogue under the .po's name, whose word differs: dpia reads that file
    catalog = read_po(io.BytesIO(po.read_bytes()), locale="nl")
    catalog["error"].string = "fout (gecompileerd)"
    compiled = po.with_name(i18n.compiled_name(po.read_bytes()))
    with compiled.open("wb") as handle:
        write_mo(handle, catalog)
    assert translate(root, "nl-test", "error") == "fout (gecompileerd)"
    # the .po edited since: its own words again, and the build replaces the stale file
    po.write_bytes(po.read_bytes() + b"\n# edited\n")
    assert translate(root, "nl-test", "error") == "fout"
    written = catalogues.compile_catalogues(root)
    assert [path.name for path in written] == [i18n.compiled_name(po.read_bytes())]
    assert not compiled.exists()
    assert translate(root, "nl-test", "error") == "fout"


def test_a_wheel_builds_from_the_source_distribution(tmp_path):
    """The sdist carries tools/ (MANIFEST.in), which pyproject.toml's backend-path needs, and
    the wheel built from it ships the compiled catalogues."""
    def backend(cwd: Path, hook: str, out: Path) -> str:
        """The file name a hook of tools/build_backend.py writes into ``out``."""
        script = (f"import sys; sys.path.insert(0, 'tools'); import build_backend; "
                  f"print(build_backend.{hook}({str(out)!r}))")
        done = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip().splitlines()[-1]

    import tarfile
    import zipfile

    tree = tmp_path / "tree"  # a copy, so the build's egg-info stays out of the repository
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(
        ".git", "*.egg-info", "__pycache__", ".ci-venv", ".venv", "build", "dist", "*.mo"))
    sdist = tmp_path / "sdist"
    name = backend(tree, "build_sdist", sdist)
    with tarfile.open(sdist / name) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
        members = archive.getnames()
    assert any(member.endswith("/tools/build_backend.py") for member in members)
    unpacked = next((tmp_path / "unpacked").iterdir())
    assert (unpacked / "tools" / "catalogues.py").is_file()
    wheels = tmp_path / "wheels"
    # as pip builds a wheel from a downloaded sdist: isolated, with pyproject.toml's requires
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                           "--no-cache-dir", "-w", str(wheels), str(sdist / name)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    shipped = zipfile.ZipFile(next(wheels.glob("*.whl"))).namelist()
    for code in ("nl", "de", "fr"):
        po = (ROOT / "templates" / code / "messages.po").read_bytes()
        assert f"dpia/templates/{code}/{i18n.compiled_name(po)}" in shipped
