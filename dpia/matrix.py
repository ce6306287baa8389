"""Risk matrices: the presets and pure functions over a matrix.

A preset is data: its grid, colours and score bands in ``dpia/presets.toml``, the names and
descriptions of its levels in each language's ``templates/<lang>/presets.toml``."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

from dpia import languages
from dpia.model import Matrix, RiskLevel, ScaleLevel
from dpia.schema import COLOUR_NAMES

DEFAULT_PRESET = "ico"
_NAMES = "presets.toml"  # each language's names and descriptions of the presets' levels


def normalise_name(text: str) -> str:
    """Name as compared: case-folded, white space collapsed."""
    return " ".join(str(text).split()).casefold()


@functools.cache
def _preset_data() -> dict:
    with resources.files("dpia").joinpath("presets.toml").open("rb") as f:
        return tomllib.load(f)


PRESETS: tuple[str, ...] = tuple(_preset_data())


def preset_key(name: str) -> str | None:
    """The preset key for a name as typed (``"ICO"``, ``"5×5"``), or None."""
    key = normalise_name(name).replace("×", "x").replace(" ", "")
    return key if key in PRESETS else None


@functools.cache
def preset(key: str, lang: str = "en") -> Matrix:
    """A preset matrix with names and descriptions in ``lang``; its names in the other
    languages (and the further names each language lists under ``also``) as aliases."""
    data = _preset_data()[key]
    own = languages.lookup(lang, _NAMES, key)
    others = [languages.lookup(code, _NAMES, key) for code in languages.codes() if code != lang]

    def names(axis: str, index: int) -> tuple[str, tuple[str, ...]]:
        name = own[axis][index]["name"]
        aliases = [entry[axis][index]["name"] for entry in others]
        aliases += [also for entry in (own, *others) for also in entry[axis][index].get("also", ())]
        return name, tuple(dict.fromkeys(a for a in aliases if a != name))

    def scale(axis: str) -> tuple[ScaleLevel, ...]:
        out = []
        for index in range(data[axis]):
            name, aliases = names(axis, index)
            description = own[axis][index].get("description", "")
            out.append(ScaleLevel(index + 1, name, description, aliases))
        return tuple(out)

    likelihood, impact = scale("likelihood"), scale("impact")
    levels = []
    for number, entry in enumerate(data["levels"], start=1):
        name, aliases = names("levels", number - 1)
        levels.append(
            RiskLevel(
                name=name,
                colour=entry["colour"],
                acceptable=number < len(data["levels"]),
                from_score=entry.get("from"),
                to_score=entry.get("to"),
                aliases=aliases,
            )
        )
    if "grid" in data:
        grid = tuple(tuple(cell - 1 for cell in row) for row in data["grid"])
    else:
        grid = grid_from_bands(len(likelihood), len(impact), levels)
    return Matrix(key, likelihood, impact, tuple(levels), grid, True, data["title"])


def preset_source(key: str) -> str:
    """Where a preset comes from, for the report's legend and the user guide."""
    return _preset_data()[key]["source"]


def grid_from_bands(
    n_likelihood: int, n_impact: int, levels: list[RiskLevel] | tuple[RiskLevel, ...]
) -> tuple[tuple[int, ...], ...]:
    """The grid of level indexes implied by score bands (each level's from/to score).

    Raises ValueError naming the first score no band covers.
    """
    grid = []
    for likelihood in range(1, n_likelihood + 1):
        row = []
        for impact in range(1, n_impact + 1):
            score = likelihood * impact
            index = band_index(score, levels)
            if index is None:
                raise ValueError(f"no risk level covers score {score}")
            row.append(index)
        grid.append(tuple(row))
    return tuple(grid)


def band_index(score: int, levels: list[RiskLevel] | tuple[RiskLevel, ...]) -> int | None:
    """Index of the level whose band contains ``score``."""
    for index, level in enumerate(levels):
        if level.from_score is not None and level.to_score is not None:
            if level.from_score <= score <= level.to_score:
                return index
    return None


def reachable_scores(n_likelihood: int, n_impact: int) -> list[int]:
    """Every score a cell of an n×m matrix can have, ascending."""
    return sorted({a * b for a in range(1, n_likelihood + 1) for b in range(1, n_impact + 1)})


def decreasing_cells(matrix: Matrix) -> list[tuple[int, int]]:
    """Cells (likelihood, impact) whose level is lower than a cell below or left of them."""
    found = []
    for li in range(len(matrix.likelihood)):
        for im in range(len(matrix.impact)):
            here = matrix.grid[li][im]
            lower_l = matrix.grid[li - 1][im] if li else -1
            lower_i = matrix.grid[li][im - 1] if im else -1
            if here < lower_l or here < lower_i:
                found.append((li + 1, im + 1))
    return found


def find_scale_value(scale: tuple[ScaleLevel, ...], text: str) -> int | None:
    """The value of the level named ``text`` (its name or an alias), or None."""
    wanted = normalise_name(text)
    for level in scale:
        if normalise_name(level.name) == wanted:
            return level.value
    for level in scale:
        if any(normalise_name(alias) == wanted for alias in level.aliases):
            return level.value
    return None


def find_level_index(matrix: Matrix | tuple[RiskLevel, ...], text: str) -> int | None:
    """Index of the risk level named ``text`` (its name or an alias) in a matrix, or in its
    levels (a matrix still being read), or None."""
    levels = matrix.levels if isinstance(matrix, Matrix) else matrix
    wanted = normalise_name(text)
    for index, level in enumerate(levels):
        if normalise_name(level.name) == wanted or any(
            normalise_name(alias) == wanted for alias in level.aliases
        ):
            return index
    return None


_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def parse_colour(text: str) -> str | None:
    """``"#C00000"``, ``"c00000"`` or a common colour name -> ``"C00000"``; None if unknown."""
    text = str(text).strip()
    match = _HEX.match(text)
    if match:
        return match.group(1).upper()
    return COLOUR_NAMES.get(normalise_name(text))


def default_colours(count: int) -> list[str]:
    """A green-to-red scale of ``count`` colours, lowest first."""
    ramp = ["00B050", "92D050", "FFFF00", "FFC000", "FF9900", "FF0000", "C00000"]
    if count == 1:
        return [ramp[-1]]
    return [ramp[round(i * (len(ramp) - 1) / (count - 1))] for i in range(count)]


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(background[i : i + 2]) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # contrast with black: (L + .05) / .05; with white: 1.05 / (L + .05)
    return "000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "FFFFFF"
