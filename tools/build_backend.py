"""dpia's build backend: setuptools', after compiling each language's messages.po.

``pyproject.toml`` names this module (``backend-path = ["tools"]``), so ``pip install .``,
``pip install -e .`` and ``python -m build`` compile ``templates/<lang>/messages.po`` into
``templates/<lang>/messages.<hash>.mo`` before setuptools packs the files; ``<hash>`` is the
start of the .po's SHA-256, so ``dpia.i18n`` uses a compiled catalogue only while it matches
its .po, and compiles the .po in memory otherwise (a .po edited since the build, or a
language added through DPIA_LANGUAGE_PATH). Compiled catalogues are not kept in git; the
compiling is in tools/catalogues.py.
"""

from __future__ import annotations

from catalogues import compile_catalogues
from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403 (the hooks this backend does not change)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    compile_catalogues()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    compile_catalogues()
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):
    compile_catalogues()
    return _setuptools.build_sdist(sdist_directory, config_settings)
