"""The header row of a table sheet, as the DPO sees it on screen.

A header cell merged over several columns or rows shows its text over all of them; a header
may span two rows, a group ("Residual risk") above the level columns it groups ("Likelihood |
Impact"), or name two columns in one merged cell ("Residual (likelihood / impact)"). These
functions read such headers from a sheet's rows and merged ranges, with the words for groups
as data in ``dpia.schema``; everything else about a sheet is the reader's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dpia import cells, schema

Merge = tuple[int, int, int, int]  # as RawSheet.merged: first/last row from 1, column from 0


@dataclass(frozen=True)
class HeaderCell:
    """One column's header: where it stands, its text as shown in messages, its column."""

    index: int  # the column, from 0
    text: str
    column: schema.Column | None
    group_row: bool = False  # read with a group from the row above


@dataclass
class HeaderView:
    """The first rows of a sheet with every merged cell showing its range's value."""

    rows: list[list[object]]
    merge_of: dict[tuple[int, int], Merge]  # (row, column) covered by a merge -> its range

    def value(self, row: int, column: int) -> object:
        if 1 <= row <= len(self.rows) and column < len(self.rows[row - 1]):
            return self.rows[row - 1][column]
        return None

    def spans_columns(self, row: int, column: int) -> Merge | None:
        """The range when the cell is the first of a merge over more than one column."""
        merge = self.merge_of.get((row, column))
        if merge and (merge[0], merge[1]) == (row, column) and merge[3] > merge[1]:
            return merge
        return None

    def continues_left(self, row: int, column: int) -> bool:
        """Whether the cell is a further column of a merge that starts to its left."""
        merge = self.merge_of.get((row, column))
        return merge is not None and merge[1] < column


def header_view(rows: list[list[object]], merged: tuple[Merge, ...], limit: int) -> HeaderView:
    """Rows 1 to ``limit`` (and one more, for a header spanning two rows) with merged cells
    filled in. Only ranges starting there count, and only as far as the cells go: a merge
    over a whole row (A1:XFD1) costs no more than the row."""
    last = min(limit + 1, len(rows))
    view = [list(row) for row in rows[:last]]
    width = max((len(row) for row in view), default=0)
    merge_of: dict[tuple[int, int], Merge] = {}
    for merge in merged:
        first_row, first_column, last_row, last_column = merge
        if first_row > last or first_column >= width or (first_row, first_column) in merge_of:
            continue  # below the view, or overlapping a range (no spreadsheet writes that)
        value = view[first_row - 1][first_column] if first_column < len(
            view[first_row - 1]) else None
        for row in range(first_row, min(last_row, last) + 1):
            cells_ = view[row - 1]
            end = min(last_column, width - 1)
            if len(cells_) <= end:
                cells_.extend([None] * (end + 1 - len(cells_)))
            for column in range(first_column, end + 1):
                if (row, column) in merge_of:
                    break  # overlapping another range: each cell is filled once
                merge_of[(row, column)] = merge
                cells_[column] = value
    return HeaderView(view, merge_of)


# "Residual (likelihood / impact)": a group, then the columns in brackets, in order
_GROUP_OF_PARTS = re.compile(r"\s*(?P<group>[^(\[]+?)\s*[(\[](?P<parts>[^)\]]+)[)\]][\s*:]*")
_PART_SEPARATORS = re.compile(r"\s*(?:/|,|;|&|\+|\||×|\bx\b|\band\b|\ben\b)\s*", re.I)


def _grouped(spec: schema.Sheet, group: str | None, sub: schema.Column | None):
    """The column a sub-header stands for under a group, or None when it is not grouped."""
    if group is None or sub is None:
        return None
    key = schema.GROUPED_COLUMNS.get((group, sub.key))
    return spec.column(key) if key else None


def _parts(spec: schema.Sheet, text: str) -> list[schema.Column] | None:
    """The columns one header names in brackets, in order (``"Residual (likelihood /
    impact)"``), or None."""
    match = _GROUP_OF_PARTS.fullmatch(text)
    if match is None:
        return None
    group = schema.header_group(match.group("group"))
    parts = [p for p in _PART_SEPARATORS.split(match.group("parts")) if p.strip()]
    columns = [_grouped(spec, group, schema.find_column(spec, part)) for part in parts]
    if len(columns) < 2 or None in columns:
        return None
    return columns


def _spans(view: HeaderView, row: list[object], number: int, index: int, count: int) -> bool:
    """Whether the header at ``index`` stands over ``count`` columns: merged over them, or
    with empty cells after it (Excel's "Center across selection" shows it over those)."""
    merge = view.spans_columns(number, index)
    if merge:
        return merge[3] - merge[1] + 1 >= count
    return all(cells.is_empty(row[i] if i < len(row) else None)
               for i in range(index + 1, index + count))


def groups_above(view: HeaderView, spec: schema.Sheet, number: int) -> dict[int, str]:
    """Column -> group text of the row above ``number``, where a group word stands above a
    sub-header it groups (``"Residual risk"`` over ``"Likelihood"``): a header in two rows.
    A group written once over its columns without merging them (Excel's "Center across
    selection") reaches over the empty cells to its right."""
    if number < 2 or number > len(view.rows):
        return {}
    groups = {}
    current = None  # the group text reaching this column from the left
    for index, value in enumerate(view.rows[number - 1]):
        top = view.value(number - 1, index)
        if not cells.is_empty(top):
            top_text = cells.as_text(top)
            current = top_text if schema.header_group(top_text) else None
        if current is None or cells.is_empty(value):
            continue
        sub = schema.find_column(spec, cells.as_text(value))
        if _grouped(spec, schema.header_group(current), sub) is not None:
            groups[index] = current
    return groups


def header_cells(view: HeaderView, spec: schema.Sheet, number: int) -> list[HeaderCell]:
    """The header of every column when row ``number`` is the header row (the lower row,
    when a group row stands above it), left to right."""
    row = view.rows[number - 1] if number <= len(view.rows) else []
    groups = groups_above(view, spec, number)
    width = max(len(row), len(view.rows[number - 2]) if groups else 0)
    out: list[HeaderCell] = []
    index = 0
    while index < width:
        value = row[index] if index < len(row) else None
        if groups and cells.is_empty(value):
            # a header standing in the upper row alone, next to grouped ones
            top = view.value(number - 1, index)
            if not cells.is_empty(top) and not view.continues_left(number - 1, index) \
                    and schema.header_group(cells.as_text(top)) is None:
                text = cells.as_text(top)
                out.append(HeaderCell(index, text, schema.find_column(spec, text)))
            index += 1
            continue
        if cells.is_empty(value) or view.continues_left(number, index) and (
                view.merge_of[(number, index)][0] == number):
            index += 1  # empty, or a further column of a header merged across columns
            continue
        text = cells.as_text(value)
        parts = _parts(spec, text)
        if parts is not None and not _spans(view, row, number, index, len(parts)):
            parts = None  # fewer columns than it names: an unknown header
        if parts is not None:
            out += [HeaderCell(index + n, text, column) for n, column in enumerate(parts)]
            index += len(parts)
            continue
        column = schema.find_column(spec, text)
        if index in groups:
            shown = f"{groups[index]}: {text}"
            column = _grouped(spec, schema.header_group(groups[index]), column)
            out.append(HeaderCell(index, shown, column, group_row=True))
        else:
            out.append(HeaderCell(index, text, column))
        index += 1
    return out
