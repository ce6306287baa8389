"""The documentation tells the truth: docs/cli.md is the current ``--help`` of every command,
docs/reading.md lists the names and words the reader accepts today, the README starts with
the install and test commands, and every ``console`` example in the user guide gives, when
run, the output the guide shows."""

from __future__ import annotations

import copy
import difflib
import functools
import re
import shlex
import sys
from pathlib import Path

import click
import docx
import openpyxl
import pytest
from click.testing import CliRunner

from dpia import languages, schema
from dpia.cli import cli
from dpia.schema import header_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # the doc generators: developer scripts, not in the wheel
import readingdocs  # noqa: E402
from clidocs import GENERATE_COMMAND, command_names, render  # noqa: E402

DOCS = ROOT / "docs"
CLI_MD = DOCS / "cli.md"
READING_MD = DOCS / "reading.md"
README = ROOT / "README.md"
# The user guide: every page under docs/ except the generated reference and the pages that
# other parts of the project own (their examples are not run here).
GUIDE_PAGES = sorted(
    p for p in DOCS.glob("*.md") if p.name not in {"cli.md", "performance.md"}
)


# --- the generated command-line reference ------------------------------------------------


def test_cli_reference_matches_the_commands_help():
    expected = render()
    actual = CLI_MD.read_text(encoding="utf-8") if CLI_MD.exists() else ""
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                actual.splitlines(keepends=True), expected.splitlines(keepends=True),
                "docs/cli.md", "--help now", n=1,
            )
        )
        pytest.fail(
            f"docs/cli.md is out of date with the commands' --help; regenerate it with\n\n"
            f"    {GENERATE_COMMAND}\n\nand commit it. Difference:\n{diff[:4000]}",
            pytrace=False,
        )


def test_cli_reference_has_a_section_for_every_command():
    text = CLI_MD.read_text(encoding="utf-8")
    headings = set(re.findall(r"^## (.+)$", text, flags=re.MULTILINE))
    names = command_names(cli)
    assert "dpia validate" in names and "dpia matrix" in names
    missing = [name for name in names if name not in headings]
    assert not missing, f"not in docs/cli.md: {missing}; run {GENERATE_COMMAND}"


def test_render_walks_nested_groups_at_a_fixed_width():
    @click.group()
    def top():
        """Top group."""

    @top.group()
    def sub():
        """A nested group."""

    @sub.command()
    @click.option("--long-option", help="word " * 40)
    def leaf(long_option):
        """A leaf command."""

    @top.command(hidden=True)
    def secret():
        """Hidden from users."""

    text = render(top)
    assert re.findall(r"^## (.+)$", text, flags=re.MULTILINE) == [
        "dpia", "dpia sub", "dpia sub leaf"
    ]
    assert "Usage: dpia sub leaf [OPTIONS]" in text
    assert "secret" not in text
    assert max(len(line) for line in text.split("```text")[-1].splitlines()) <= 80


def test_every_command_is_explained_in_the_guide():
    guide = "\n".join(p.read_text(encoding="utf-8") for p in GUIDE_PAGES)
    missing = [
        name for name in command_names(cli)[1:] if f"`{name}" not in guide
    ]
    assert not missing, f"commands without a word in the user guide (docs/): {missing}"


def test_command_synopses_in_the_guide_name_exactly_the_real_options():
    """Each ``dpia NAME …`` synopsis line on the Commands page lists that command's options."""
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    synopses = dict(re.findall(r"^`dpia (\w+) (.*)`$", text, flags=re.MULTILINE))
    assert set(synopses) == set(cli.commands), "a synopsis line per command on commands.md"
    wrong = []
    for name, synopsis in synopses.items():
        shown = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", synopsis))
        real = {
            opt for param in cli.commands[name].params if isinstance(param, click.Option)
            for opt in param.opts
        }
        # a synopsis shows one spelling of each option (-o, -j rather than --output, --jobs)
        missing = [
            param.opts for param in cli.commands[name].params
            if isinstance(param, click.Option) and not shown & set(param.opts)
        ]
        if shown - real or missing:
            wrong.append(f"dpia {name}: unknown {sorted(shown - real)}, missing {missing}")
    assert not wrong, wrong


# --- the generated page "How dpia reads your workbook" ------------------------------------


def test_reading_page_matches_the_schema():
    expected = readingdocs.render()
    actual = READING_MD.read_text(encoding="utf-8") if READING_MD.exists() else ""
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                actual.splitlines(keepends=True), expected.splitlines(keepends=True),
                "docs/reading.md", "the schema now", n=1,
            )
        )
        pytest.fail(
            f"docs/reading.md is out of date with the names and words the reader accepts; "
            f"regenerate it with\n\n    {readingdocs.GENERATE_COMMAND}\n\nand commit it. "
            f"Difference:\n{diff[:4000]}",
            pytrace=False,
        )


def _table_row(page: str, first_cell: str) -> str:
    """The first table row of ``page`` that starts with ``first_cell``."""
    return next(line for line in page.splitlines() if line.startswith(f"| {first_cell} |"))


def test_reading_page_lists_every_name_and_word_of_the_schema():
    page = readingdocs.render()
    for sheet in schema.SHEETS:
        assert all(name in page for name in sheet.names()), sheet.key
        for column in sheet.columns:
            assert all(name in page for name in column.names()), (sheet.key, column.key)
    for field in schema.ASSESSMENT_FIELDS:
        assert all(name in page for name in field.names()), field.key
    for group, meanings in schema.VALUE_WORDS.items():
        for key, words in meanings.items():
            row = _table_row(page, key.replace("_", " "))
            assert all(f"`{word}`" in row for word in words), (group, key, row)
    for word in schema.EMPTY_LIST_WORDS | schema.ALL_WORDS:
        assert f"`{word}`" in page, word
    for point, words in schema.LAWFUL_BASES.items():
        row = _table_row(page, f"6(1)({point})")
        assert all(word in row.casefold() for word in words), (point, row)
    for key, names in schema.SCREENING_CRITERIA.items():
        assert f"| `{key}` | {' | '.join(names[lang] for lang in languages.codes())} |" in page


def test_reading_page_picks_up_a_new_synonym_alias_and_word_group(monkeypatch):
    """The page is made by iterating the schema's data, so a name or word added there (as
    the reader's synonyms grow) is on the page after regenerating, with no change here."""
    english = copy.deepcopy(languages.data("en", "workbook.toml"))
    english["columns"]["risks"]["residual_likelihood"]["names"].append("Likelihood left over")
    data = languages.data
    monkeypatch.setattr(languages, "data", lambda code, name: english if (
        code, name) == ("en", "workbook.toml") else data(code, name))
    monkeypatch.setattr(schema, "_names", functools.cache(schema._names.__wrapped__))
    words = {group: dict(meanings) for group, meanings in schema.VALUE_WORDS.items()}
    words["measure_status"]["implemented"] += ("afgerond",)
    words["agreement_state"] = {"none": ("pending", "not yet")}
    monkeypatch.setattr(schema, "VALUE_WORDS", words)

    page = readingdocs.render()

    assert "`Likelihood left over`" in _table_row(page, "Residual likelihood")
    assert "`afgerond`" in _table_row(page, "implemented")
    assert "### Agreement state" in page
    assert "| none | `pending`, `not yet` |" in page


def test_reading_page_shows_how_the_reader_reads_each_example():
    """The examples are read by the reader's own parsers: a date typed day-first reads so."""
    page = readingdocs.render()

    assert _table_row(page, "the text `25/05/2026`") == "| the text `25/05/2026` | 25 May 2026 |"
    assert _table_row(page, "the number `2.5`").startswith(
        "| the number `2.5` | an error: '2.5' is not a level of the likelihood scale")
    assert _table_row(page, "the text `6(1)(c)`") == "| the text `6(1)(c)` | Art. 6(1)(c) |"


def test_the_guide_and_the_readme_link_to_the_reading_page():
    assert "(reading.md)" in (DOCS / "guide.md").read_text(encoding="utf-8")
    assert "(docs/reading.md)" in README.read_text(encoding="utf-8")


# --- README ------------------------------------------------------------------------------


def _first_code_block(text: str) -> list[str]:
    match = re.search(r"^```[a-z]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    assert match, "README.md has no code block"
    return match.group(1).splitlines()


def test_readme_starts_with_the_install_and_test_commands():
    lines = _first_code_block(README.read_text(encoding="utf-8"))
    assert len(lines) >= 2, lines
    install_and_run, test = lines[0], lines[1]
    assert install_and_run.startswith("pip install . && dpia "), install_and_run
    assert test == "pip install -e '.[test]' && pytest", test


def test_readme_links_to_the_guide_and_the_reference():
    text = README.read_text(encoding="utf-8")
    assert "(docs/guide.md)" in text and "(docs/cli.md)" in text


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, - for space."""
    text = re.sub(r"^```.*?^```", "", page.read_text("utf-8"), flags=re.MULTILINE | re.DOTALL)
    return {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)
    }


def test_links_between_doc_pages_resolve():
    broken = []
    for page in [*GUIDE_PAGES, CLI_MD]:
        links = re.findall(r"\]\(([^)#:\s]*\.md)?(?:#([^)]*))?\)", page.read_text("utf-8"))
        for target, fragment in links:
            linked = page.parent / target if target else page
            if not linked.exists():
                broken.append(f"{page.name} -> {target}")
            elif fragment and fragment not in anchors(linked):
                broken.append(f"{page.name} -> {target}#{fragment}")
    assert not broken, broken


# --- the guide's examples are real -------------------------------------------------------
#
# A page's ``console`` blocks run in order in one empty folder: each ``$ dpia …`` line is run
# and must print (standard output and error together, as a terminal shows them) the lines
# that follow it; a line ``...`` stands for any number of lines (hashes, versions). Where the
# guide tells the reader to change a cell, a hidden comment makes the same change:
#   <!-- docs-test: edit SRC DST SHEET ROW-ID HEADER VALUE -->
# copies workbook SRC to DST with that one cell changed (the row whose key, such as its ID or
# Criterion, is ROW-ID; an empty VALUE empties the cell), and
#   <!-- docs-test: edit-report SRC DST ROW-ID HEADER VALUE -->
# does the same to the first table of a Word report that has that column and row, as someone
# editing the report in Word would, and
#   <!-- docs-test: same-bytes A B -->
# checks that two files (a report and its rebuild) are byte for byte the same, and
#   <!-- docs-test: mkdir DIR -->
# makes a folder the reader is told to make.
# SHA-256 hashes (64 hex digits) are compared as "a hash": they change with every change to
# the example workbook or the report's layout, and the guide shows real ones.

STEP = re.compile(
    r"^```console\n(?P<block>.*?)^```|<!-- docs-test: (?P<step>.*?) -->",
    flags=re.MULTILINE | re.DOTALL,
)


def page_steps(page: Path) -> list[tuple[str, object]]:
    """The page's steps in order: ("run", (command, expected lines)) and ("edit", args)."""
    steps: list[tuple[str, object]] = []
    for match in STEP.finditer(page.read_text(encoding="utf-8")):
        if match.group("step") is not None:
            steps.append(("edit", shlex.split(match.group("step"))))
            continue
        for line in match.group("block").splitlines():
            if line.startswith("$ "):
                steps.append(("run", (line[2:], [])))
            elif steps and steps[-1][0] == "run":
                steps[-1][1][1].append(line)
    return steps


def output_pattern(expected: list[str]) -> re.Pattern[str]:
    """The shown output as a pattern: a line ``...`` stands for any lines (hashes, versions)."""
    parts = []
    for line in _normalise("\n".join(expected)).splitlines():
        parts.append(r"(?:[^\n]*\n)*?" if line.strip() == "..." else re.escape(line) + r"\n")
    return re.compile("".join(parts))


HASH = re.compile(r"\b[0-9a-f]{64}\b")


def _normalise(text: str) -> str:
    return "".join(HASH.sub("<sha256>", line.rstrip()) + "\n" for line in text.splitlines())


def edit_workbook(args: list[str]) -> None:
    """``edit SRC DST SHEET ROW-ID HEADER VALUE``: DST is SRC with one cell changed."""
    verb, source, target, sheet_name, row_id, header, value = args
    assert verb == "edit", args
    workbook = openpyxl.load_workbook(source)
    sheet = next(ws for ws in workbook.worksheets if header_key(ws.title) == header_key(sheet_name))
    for row in sheet.iter_rows(max_row=10):
        keys = [header_key(c.value) if c.value is not None else "" for c in row]
        if header_key(header) in keys:
            # the row's key (ID, Criterion, Field) is the first column of the header row
            id_col = next(i for i, key in enumerate(keys) if key)
            col, header_row = keys.index(header_key(header)), row[0].row
            break
    else:
        raise AssertionError(f"no header row with {header!r} on {sheet_name}")
    for row in sheet.iter_rows(min_row=header_row + 1):
        if row[id_col].value == row_id:
            row[col].value = value or None
            break
    else:
        raise AssertionError(f"no row {row_id!r} on {sheet_name}")
    workbook.save(target)


def edit_report(args: list[str]) -> None:
    """``edit-report SRC DST ROW-ID HEADER VALUE``: a hand edit of one table cell in Word."""
    _verb, source, target, row_id, header, value = args
    document = docx.Document(source)
    for table in document.tables:
        rows = table.rows  # each row once: no table.cell(r, c) in a loop
        header_texts = [cell.text for cell in rows[0].cells]
        if header not in header_texts:
            continue
        for row in rows[1:]:
            cells = row.cells
            if cells[0].text == row_id:
                paragraph = cells[header_texts.index(header)].paragraphs[0]
                paragraph.runs[0].text = value
                for run in paragraph.runs[1:]:
                    run._r.getparent().remove(run._r)
                document.save(target)
                return
    raise AssertionError(f"no table with column {header!r} and row {row_id!r} in {source}")


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=lambda p: p.name)
def test_console_examples_give_the_output_shown(page, tmp_path, monkeypatch):
    """Runs a page's examples in order, in one empty folder (so ``dpia init`` comes first)."""
    steps = page_steps(page)
    if not steps:
        pytest.skip(f"{page.name} has no console examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for kind, step in steps:
        if kind == "edit":
            if step[0] == "mkdir":
                Path(step[1]).mkdir()
            elif step[0] == "same-bytes":
                first, second = step[1:]
                assert Path(first).read_bytes() == Path(second).read_bytes(), (
                    f"{page.name}: {first} and {second} differ, but the guide says they are "
                    "the same bytes"
                )
            else:
                (edit_report if step[0] == "edit-report" else edit_workbook)(step)
            continue
        command, expected = step
        args = shlex.split(command)
        assert args[0] == "dpia", f"{page.name}: only dpia commands can be run: {command}"
        result = runner.invoke(cli, args[1:], prog_name="dpia", catch_exceptions=False)
        shown = "".join(line.rstrip() + "\n" for line in expected)
        assert output_pattern(expected).fullmatch(_normalise(result.output)), (
            f"docs/{page.name}: `{command}` (exit {result.exit_code}) printed\n"
            f"{result.output}\nbut the guide shows\n{shown}\nIf the new output is right, "
            f"paste it into docs/{page.name} (a line `...` stands for any lines)."
        )
