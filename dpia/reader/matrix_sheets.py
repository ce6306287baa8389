"""The matrix: a preset named on the Assessment sheet, or the Scales, Risk levels and Matrix
sheets that define one."""

from __future__ import annotations

from dataclasses import replace

from dpia import cells, languages, schema
from dpia import matrix as matrices
from dpia.cells import CellError, SpreadsheetError, UncachedFormula
from dpia.i18n import _, ngettext
from dpia.model import AssessmentInfo, Matrix, Origin, RiskLevel, ScaleLevel
from dpia.reader.raw import RawSheet
from dpia.reader.tables import HEADER_SEARCH_ROWS, Reader, Row, Table, letter


def _names(level) -> set[str]:
    return {matrices.normalise_name(n) for n in (level.name, *level.aliases)}


def _same_as_preset(matrix: Matrix, key: str) -> bool:
    """Whether a matrix read from the sheets is the preset ``key`` (names in any language)."""
    reference = matrices.preset(key, "en")
    if (len(matrix.likelihood), len(matrix.impact), len(matrix.levels)) != (
        len(reference.likelihood), len(reference.impact), len(reference.levels)
    ):
        return False
    pairs = [
        *zip(matrix.likelihood, reference.likelihood),
        *zip(matrix.impact, reference.impact),
        *zip(matrix.levels, reference.levels),
    ]
    if any(matrices.normalise_name(ours.name) not in _names(theirs) for ours, theirs in pairs):
        return False
    if any(a.acceptable != b.acceptable for a, b in zip(matrix.levels, reference.levels)):
        return False
    return matrix.grid == reference.grid


def _in_language(matrix: Matrix, key: str, lang: str) -> Matrix:
    """Sheets that write out the preset ``key``, named in ``lang`` (as the preset would be).

    The DPO's own descriptions and colours stay; a description that is the preset's own text
    (in any language) is given in ``lang`` too.
    """
    reference = matrices.preset(key, lang)
    others = [matrices.preset(key, code) for code in languages.codes()]

    def renamed(ours, theirs, stock_descriptions):
        aliases = tuple(dict.fromkeys(
            n for n in (*theirs.aliases, ours.name, *ours.aliases)
            if matrices.normalise_name(n) != matrices.normalise_name(theirs.name)
        ))
        changes = {"name": theirs.name, "aliases": aliases}
        if hasattr(ours, "description") and (
            not ours.description or ours.description in stock_descriptions
        ):
            changes["description"] = theirs.description
        return replace(ours, **changes)

    def scale(ours, theirs, axis):
        return tuple(
            renamed(a, b, {getattr(o, axis)[i].description for o in others})
            for i, (a, b) in enumerate(zip(ours, theirs))
        )

    return replace(
        matrix,
        name=key,
        title=reference.title,
        likelihood=scale(matrix.likelihood, reference.likelihood, "likelihood"),
        impact=scale(matrix.impact, reference.impact, "impact"),
        levels=tuple(renamed(a, b, set()) for a, b in zip(matrix.levels, reference.levels)),
    )


def _read_scales(reader: Reader, table: Table):
    """(likelihood, impact) scales of the Scales sheet, or None when they are unusable."""
    if not all(table.has(key) for key in ("axis", "value", "name")):
        return None  # the missing column is reported
    axes: dict[str, list[tuple[int, str, str, Row]]] = {"likelihood": [], "impact": []}
    ok = True
    unsure: set[str] = set()  # axes with a row that could not be read: no gap check there
    for row in table.rows:
        axis_text = cells.as_text(row.values.get("axis"))
        axis = cells.as_enum(axis_text, "axis")
        if axis is None:
            reader.row_error(
                row, "axis",
                _("Axis {text!r} is neither likelihood nor impact").format(text=axis_text),
            )
            ok = False
            unsure.update(axes)
            continue
        try:
            value = cells.as_int(row.values.get("value"))
        except CellError as exc:
            reader.row_error(row, "value", _("Value: {problem}").format(problem=exc))
            ok = False
            unsure.add(axis)
            continue
        name = reader.text(row, "name", table, required=True)
        if not name:
            ok = False
            continue
        axes[axis].append((value, name, cells.as_text(row.values.get("description")), row))
    ok_rows = ok  # a level missing from an axis may be a row reported above
    scales = {}
    for axis, entries in axes.items():
        if not entries:
            if not unsure and ok_rows:
                reader.error(table.raw.title, "",
                             _("no {axis} levels on the Scales sheet").format(axis=_(axis)))
            ok = False
            continue
        seen_values: dict[int, Row] = {}
        seen_names: dict[str, Row] = {}
        for value, name, _description, row in entries:
            if value in seen_values:
                reader.row_error(
                    row, "value",
                    _("{axis} value {value} appears twice (first in row {row})").format(
                        axis=_(axis), value=value, row=seen_values[value].number),
                )
                ok = False
                unsure.add(axis)
            seen_values.setdefault(value, row)
            folded = matrices.normalise_name(name)
            if folded in seen_names:
                reader.row_error(
                    row, "name",
                    _("{axis} level name {name!r} appears twice (first in row {row})").format(
                        axis=_(axis), name=name, row=seen_names[folded].number),
                )
                ok = False
            seen_names.setdefault(folded, row)
        values = sorted(seen_values)
        expected = list(range(1, len(values) + 1))
        if values != expected and axis not in unsure:
            missing = next(v for v in expected if v not in seen_values)
            after = min((v for v in values if v > missing), default=values[-1])
            row = seen_values[after]
            reader.row_error(
                row, "value",
                _("{axis} values must run from 1 without gaps; {missing} is missing").format(
                    axis=_(axis), missing=missing),
            )
            ok = False
        entries.sort(key=lambda entry: entry[0])
        scales[axis] = tuple(
            ScaleLevel(value, name, description) for value, name, description, _ in entries
        )
    if not ok:
        return None
    return scales["likelihood"], scales["impact"]


def _read_levels(reader: Reader, table: Table | None, scales_sheet: RawSheet, has_grid: bool,
                 n_likelihood: int | None, n_impact: int | None):
    """Risk levels of the Risk levels sheet (bands checked when there is no grid), or None."""
    if table is None:
        reader.error(
            scales_sheet.title, "",
            _("a matrix defined in the workbook needs a 'Risk levels' sheet next to Scales"),
        )
        return None
    rows = table.rows
    if not rows:
        if table.has("level"):
            reader.error(table.raw.title, str(table.header_row), _("no risk levels listed"))
        return None
    ok = True
    names: dict[str, Row] = {}
    parsed = []
    defaults = matrices.default_colours(len(rows))
    for position, row in enumerate(rows):
        name = cells.as_text(row.values.get("level"))
        folded = matrices.normalise_name(name)
        if folded in names:
            reader.row_error(
                row, "level", _("level {name!r} appears twice (first in row {row})").format(
                    name=name, row=names[folded].number),
            )
            ok = False
        names.setdefault(folded, row)
        scores = {}
        for key in ("from_score", "to_score"):
            value = row.values.get(key)
            scores[key] = None
            if cells.is_empty(value) or key in row.unreadable:
                continue
            try:
                scores[key] = cells.as_int(value)
                if scores[key] < 1:
                    raise CellError(_("'{score}' is below 1, the lowest score").format(
                        score=scores[key]))
            except CellError as exc:
                reader.row_error(row, key, f"{table.header(key)}: {exc}")

                ok = False
                scores[key] = None
        colour_text = cells.as_text(row.values.get("colour"))
        colour = defaults[position]
        if colour_text:
            colour = matrices.parse_colour(colour_text)
            if colour is None:
                reader.row_error(
                    row, "colour",
                    _("{column}: {text!r} is not a colour (use a hex code such as #C00000 or "
                      "a name such as red, orange, yellow, green)").format(
                        column=table.header("colour"), text=colour_text),
                )
                ok = False
                colour = defaults[position]
        answer, answer_ok = reader.yesno(row, "acceptable", table)
        ok = ok and answer_ok
        # an empty cell: every level but the highest is acceptable
        acceptable = position < len(rows) - 1 if answer is None else answer
        parsed.append([name, colour, acceptable, scores["from_score"], scores["to_score"], row])
    if not has_grid:
        ok = _check_bands(reader, table, parsed, n_likelihood, n_impact) and ok
    if not ok:
        return None
    return tuple(
        RiskLevel(name, colour, acceptable, from_score, to_score)
        for name, colour, acceptable, from_score, to_score, _ in parsed
    )


def _check_bands(reader: Reader, table: Table, parsed: list, n_likelihood: int | None,
                 n_impact: int | None) -> bool:
    """Fill in each band's To score and check the bands cover every score without overlap."""
    ok = True
    for entry in parsed:
        if entry[3] is None:
            row = entry[5]
            reader.row_error(
                row, "from_score",
                _("{column} is empty (required when there is no Matrix sheet with a grid)")
                .format(column=table.header("from_score")),
            )
            ok = False
    if not ok or n_likelihood is None or n_impact is None:
        return False
    highest = n_likelihood * n_impact
    for position, entry in enumerate(parsed):
        if entry[4] is None:
            following = parsed[position + 1][3] if position + 1 < len(parsed) else None
            entry[4] = following - 1 if following is not None else max(highest, entry[3])
        if entry[4] < entry[3]:
            reader.row_error(
                entry[5], "to_score",
                _("score band {low}-{high} ends before it starts").format(
                    low=entry[3], high=entry[4]),
            )
            ok = False
    if not ok:
        return False
    for position, entry in enumerate(parsed):
        for earlier in parsed[:position]:
            if entry[3] <= earlier[4] and earlier[3] <= entry[4]:
                reader.row_error(
                    entry[5], "from_score",
                    _("score band {low}-{high} overlaps {level!r} ({other_low}-{other_high})")
                    .format(low=entry[3], high=entry[4], level=earlier[0],
                            other_low=earlier[3], other_high=earlier[4]),
                )
                ok = False
    if not ok:
        return False
    uncovered = [
        score for score in matrices.reachable_scores(n_likelihood, n_impact)
        if not any(entry[3] <= score <= entry[4] for entry in parsed)
    ]
    # one message per gap, at the From cell of the band just above it (or the last band's To)
    gaps: dict[int, list[int]] = {}
    for score in uncovered:
        above = min(
            (i for i, e in enumerate(parsed) if e[3] > score),
            key=lambda i: parsed[i][3], default=None,
        )
        gaps.setdefault(-1 if above is None else above, []).append(score)
    for above, scores in gaps.items():
        listed = ", ".join(str(s) for s in scores)
        message = ngettext("no risk level covers score {scores}",
                           "no risk level covers scores {scores}", len(scores)).format(
            scores=listed)
        if above == -1:
            last = parsed[-1][5]
            reader.row_error(last, "to_score", message)
        else:
            reader.row_error(parsed[above][5], "from_score", message)
        ok = False
    return ok


def scale_lookup(scale: tuple[ScaleLevel, ...], value: object) -> int | None:
    try:
        return cells.as_level(value, scale, "")
    except CellError:
        return None


def _read_grid(reader: Reader, raw: RawSheet, likelihood, impact, levels):
    """(grid, cell of each (likelihood, impact)) of the Matrix sheet, or None when wrong."""
    header, best, best_found = None, None, {}
    for number in range(1, min(HEADER_SEARCH_ROWS, len(raw.rows)) + 1):
        found: dict[int, int] = {}  # impact value -> column
        for index, value in enumerate(raw.rows[number - 1]):
            if index == 0 or cells.is_empty(value):
                continue
            impact_value = scale_lookup(impact, value)
            if impact_value is not None and impact_value not in found:
                found[impact_value] = index
        if len(found) == len(impact):
            header = number
            break
        if len(found) > len(best_found):
            best, best_found = number, found
    if header is None:
        names = ", ".join(level.name for level in impact)
        if best is None:
            reader.error(
                raw.title, "",
                _("no row in the first {rows} names the impact levels ({names})").format(
                    rows=HEADER_SEARCH_ROWS, names=names),
            )
        else:
            missing = ", ".join(
                repr(level.name) for level in impact if level.value not in best_found
            )
            reader.error(raw.title, str(best), _("the grid has no column for impact {missing}")
                         .format(missing=missing))
        return None
    ok = True
    header_cells = raw.rows[header - 1]
    first = min(
        index for index, value in enumerate(header_cells)
        if index and not cells.is_empty(value) and scale_lookup(impact, value) is not None
    )
    name_column = first - 1
    columns: dict[int, int] = {}  # column -> impact value
    for index in range(first, len(header_cells)):
        value = header_cells[index]
        if cells.is_empty(value):
            continue
        impact_value = scale_lookup(impact, value)
        where = f"{letter(index)}{header}"
        if impact_value is None:
            reader.error(raw.title, where, _("{text!r} is not an impact level").format(
                text=cells.as_text(value)))
            ok = False
        elif impact_value in columns.values():
            reader.error(
                raw.title, where, _("impact {text!r} appears twice in the grid").format(
                    text=cells.as_text(value))
            )
            ok = False
        else:
            columns[index] = impact_value
    grid: dict[int, dict[int, int]] = {}
    where_of: dict[tuple[int, int], str] = {}
    level_names = ", ".join(level.name for level in levels)
    count = 0
    for number in range(header + 1, len(raw.rows) + 1):
        row_cells = raw.rows[number - 1]
        if all(cells.is_empty(v) for v in row_cells[name_column:]):
            continue
        count += 1
        name_value = raw.value(number, name_column)
        name_cell = f"{letter(name_column)}{number}"
        if isinstance(name_value, (UncachedFormula, SpreadsheetError)) or cells.is_empty(
            name_value
        ):
            reader.error(raw.title, name_cell, _("the grid row has no likelihood name"))
            ok = False
            continue
        likelihood_value = scale_lookup(likelihood, name_value)
        label = cells.as_text(name_value)
        if likelihood_value is None:
            reader.error(raw.title, name_cell, _("{text!r} is not a likelihood level").format(
                text=label))
            ok = False
            continue
        if likelihood_value in grid:
            reader.error(raw.title, name_cell, _("likelihood {text!r} appears twice in the grid")
                         .format(text=label))
            ok = False
            continue
        grid[likelihood_value] = {}
        for index, impact_value in columns.items():
            value = raw.value(number, index)
            where = f"{letter(index)}{number}"
            if isinstance(value, UncachedFormula):
                reader.error(raw.title, where, _(
                    "{label}: formula ={formula} has no calculated value; open and save the "
                    "workbook").format(label=label, formula=value.formula.lstrip("=")))
                ok = False
                continue
            text = "" if isinstance(value, SpreadsheetError) else cells.as_text(value)
            if not text:
                reader.error(raw.title, where, _(
                    "{label}: every cell of the grid must name a risk level ({levels})").format(
                    label=label, levels=level_names))
                ok = False
                continue
            index_of_level = matrices.find_level_index(levels, text)
            if index_of_level is None:
                reader.error(raw.title, where,
                             _("{label}: {text!r} is not a risk level ({levels})").format(
                                 label=label, text=text, levels=level_names))
                ok = False
                continue
            grid[likelihood_value][impact_value] = index_of_level
            where_of[(likelihood_value, impact_value)] = where
    reader.sheet_rows[raw.title] = count
    for level in likelihood:
        if level.value not in grid and ok:
            reader.error(raw.title, "", _("the grid has no row for likelihood {name!r}").format(
                name=level.name))
            ok = False
    if not ok:
        return None
    return (
        tuple(tuple(grid[li.value][im.value] for im in impact) for li in likelihood),
        where_of,
    )


def read_matrix(reader: Reader, info: AssessmentInfo | None, origins: dict[str, Origin],
                 lang: str) -> Matrix | None:
    """The matrix: from the Scales/Risk levels/Matrix sheets, else the named preset."""
    typed = info.matrix.strip() if info else ""
    origin = origins.get("matrix")
    # the preset's key, or its title as the report prints it ("ICO (3×3)")
    key = (matrices.preset_key(typed) or matrices.preset_key(schema.header_key(typed))
           if typed else None)
    scales_raw = reader.sheets.get("scales")
    if scales_raw is None:
        for other in ("risk_levels", "matrix"):
            if other in reader.sheets:
                reader.warning(
                    reader.sheets[other].title, "",
                    _("ignored: a matrix defined in the workbook needs a Scales sheet too; the "
                      "preset {preset!r} is used").format(
                        preset=key or typed or matrices.DEFAULT_PRESET),
                )
        if not typed:
            return matrices.preset(matrices.DEFAULT_PRESET, lang)
        if key:
            return matrices.preset(key, lang)
        where = (origin.sheet, origin.cell) if origin else ("", "")
        presets = ", ".join(matrices.PRESETS)
        if typed.casefold() == "custom":
            reader.error(
                *where,
                _("Matrix: 'custom' needs the Scales and Risk levels sheets (dpia init writes "
                  "them); or name a preset: {presets}").format(presets=presets),
            )
        else:
            reader.error(
                *where,
                _("Matrix: unknown matrix {typed!r}; name a preset ({presets}), or 'custom' "
                  "with Scales and Risk levels sheets").format(typed=typed, presets=presets),
            )
        return None

    scales_table = reader.table(schema.SCALES)
    scales = _read_scales(reader, scales_table)
    grid_raw = reader.sheets.get("matrix")
    levels_table = reader.table(schema.RISK_LEVELS)
    n_l, n_i = (len(scales[0]), len(scales[1])) if scales else (None, None)
    levels = _read_levels(reader, levels_table, scales_raw, grid_raw is not None, n_l, n_i)
    if scales is None or levels is None:
        return None
    likelihood, impact = scales
    where_of: dict[tuple[int, int], str] = {}
    if grid_raw is not None:
        read = _read_grid(reader, grid_raw, likelihood, impact, levels)
        if read is None:
            return None
        grid, where_of = read
    else:
        grid = matrices.grid_from_bands(len(likelihood), len(impact), levels)
    if key or typed.casefold() in ("", "custom"):
        name, title = "custom", ""
    else:  # the DPO's own name for the matrix
        name, title = typed, typed
    matrix = Matrix(name, likelihood, impact, levels, grid, preset=False, title=title)
    if key:
        if _same_as_preset(matrix, key):
            # the preset written out (dpia init): named in the report language like a preset
            matrix = _in_language(matrix, key, lang)
        elif origin is not None:
            reader.warning(
                origin.sheet, origin.cell,
                _("Matrix: names the preset {key!r} but the Scales, Risk levels and Matrix "
                  "sheets define a different matrix; the sheets are used").format(key=key),
            )
    falling = matrices.decreasing_cells(matrix)
    if falling and not where_of:
        # score bands: one warning for the sheet, the levels are listed out of order
        cells_text = "; ".join(
            f"{likelihood[li - 1].name} × {impact[im - 1].name}: "
            f"{levels[grid[li - 1][im - 1]].name}"
            for li, im in falling
        )
        reader.warning(
            levels_table.raw.title, "",
            _("the risk level falls as likelihood or impact increases at {cells}; list the "
              "levels from lowest to highest score").format(cells=cells_text),
        )
    for li, im in falling if where_of else ():
        cell_name = _("likelihood {likelihood!r}, impact {impact!r}").format(
            likelihood=likelihood[li - 1].name, impact=impact[im - 1].name)
        level = levels[grid[li - 1][im - 1]].name
        reader.warning(
            grid_raw.title, where_of[(li, im)],
            _("the risk level falls to {level!r} at {cell}, lower than a cell with lower "
              "likelihood or impact").format(level=level, cell=cell_name),

        )
    return matrix


