"""OpenDocument spreadsheets (.ods), LibreOffice's own format, read directly: the same
assessment, the same messages and the same limits and safety checks as an .xlsx.

tests/data/minimal.ods is ``workbooks.minimal_sheets()`` with Risks!L2:L3 merged, saved as
.xlsx by openpyxl and converted by LibreOffice 7.4 (``soffice --headless --convert-to ods``);
the tests that make their own .ods with LibreOffice are skipped where it is not installed."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from outcomes import one_error_line
from test_filetype import BILLION_LAUGHS, replace_members
from workbooks import merge_cells, minimal_sheets, write_workbook

from dpia.cli import cli
from dpia.filetype import MAX_CELLS, MAX_ROWS
from dpia.reader import read_workbook

DATA = Path(__file__).parent / "data"
MINIMAL_ODS = DATA / "minimal.ods"


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def to_ods(source: Path, folder: Path) -> Path:
    """``source`` converted to .ods by LibreOffice (headless); skip without LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "ods", "--outdir", str(folder), str(source)],
        capture_output=True, timeout=300,
    )
    converted = folder / (source.stem + ".ods")
    if not converted.exists():
        pytest.skip("this LibreOffice has no Calc")
    return converted


def minimal_xlsx(tmp_path: Path) -> Path:
    """The workbook tests/data/minimal.ods was made from."""
    path = write_workbook(tmp_path / "minimal.xlsx", minimal_sheets())
    return merge_cells(path, {"Risks": ["L2:L3"]})


def same_but_source(assessment):
    return replace(assessment, source=None)


def test_committed_ods_is_a_zip_libreoffice_wrote():
    with zipfile.ZipFile(MINIMAL_ODS) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert b"LibreOffice" in archive.read("meta.xml")


def test_ods_reads_as_the_workbook_it_was_saved_from(tmp_path):
    from_ods, ods_problems = read_workbook(MINIMAL_ODS, name="wb")
    from_xlsx, xlsx_problems = read_workbook(minimal_xlsx(tmp_path), name="wb")
    assert same_but_source(from_ods) == same_but_source(from_xlsx)
    assert [str(p) for p in ods_problems] == [str(p) for p in xlsx_problems]
    assert [str(p) for p in ods_problems] == [
        "wb:Risks!L2:L3: warning: merged cells; the value 'IT' is read for rows 2-3"]
    assert read_workbook(MINIMAL_ODS)[0].source.name == "minimal.ods"


def test_build_from_an_ods_writes_the_report(tmp_path):
    ods = tmp_path / "loyalty.ods"
    shutil.copy(MINIMAL_ODS, ods)
    result = run("build", ods)
    assert result.exit_code == 0, result.stderr
    report = tmp_path / "loyalty.docx"
    text = "\n".join(p.text for p in docx.Document(report).paragraphs)
    assert "Customer loyalty programme" in text
    assert "Risks!L2:L3" in result.stderr


def test_a_folder_given_to_build_includes_its_ods_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINIMAL_ODS, folder / "a.ods")
    write_workbook(folder / "b.xlsx", minimal_sheets())
    (folder / "notes.odt").write_text("not a spreadsheet")
    result = run("build", folder, "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.glob("*.docx")) == ["a.docx", "b.docx"]
    assert "notes.odt: note: skipped (not an .xlsx, .xlsm or .ods workbook)" in result.stderr


def test_ods_made_by_libreoffice_now_gives_the_same_messages_as_xlsx(tmp_path):
    # an error value and a wrong level, through LibreOffice's own save
    source = write_workbook(tmp_path / "bad.xlsx", minimal_sheets())
    workbook = openpyxl.load_workbook(source)
    workbook["Risks"]["F2"] = "Sometimes"
    workbook["Risks"]["L3"] = "=1/0"
    workbook.save(source)
    ods = to_ods(source, tmp_path)
    result = run("validate", ods)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(f"{ods}:Risks!F2: error: R1:") and "Sometimes" in line
               for line in lines), lines
    assert f"{ods}:Risks!L3: error: R2: the cell holds the spreadsheet error #DIV/0!" in lines


# --- limits and safety checks, on LibreOffice's file with its content.xml changed -----------

def ods_with_content(tmp_path: Path, transform, name: str = "x.ods") -> Path:
    with zipfile.ZipFile(MINIMAL_ODS) as archive:
        content = archive.read("content.xml").decode("utf-8")
    path = tmp_path / name
    path.write_bytes(replace_members(MINIMAL_ODS.read_bytes(),
                                     {"content.xml": transform(content)}))
    return path


def repeated_rows(count: int, cells: int = 1) -> str:
    """A Measures row holding a value, repeated ``count`` times (a few bytes of XML)."""
    return (f'<table:table-row table:number-rows-repeated="{count}"><table:table-cell '
            f'table:number-columns-repeated="{cells}" office:value-type="string">'
            "<text:p>M9</text:p></table:table-cell></table:table-row>")


def after_header_row(content: str, sheet: str, xml: str) -> str:
    start = content.index(f'table:name="{sheet}"')
    end = content.index("</table:table-row>", start) + len("</table:table-row>")
    return content[:end] + xml + content[end:]


def test_repeated_rows_count_against_the_row_limit(tmp_path):
    path = ods_with_content(tmp_path, lambda c: after_header_row(
        c, "Measures", repeated_rows(MAX_ROWS + 100)))
    assert path.stat().st_size < 20_000
    line = one_error_line(run("validate", path), path)
    assert f"sheet Measures has {MAX_ROWS + 101:,} rows" in line
    assert f"limit of {MAX_ROWS:,}" in line


def test_repeated_cells_count_against_the_cell_limit(tmp_path):
    path = ods_with_content(tmp_path, lambda c: after_header_row(
        c, "Measures", repeated_rows(50_000, cells=1_000)))
    line = one_error_line(run("validate", path), path)
    assert "sheet Measures has" in line and f"limit of {MAX_CELLS:,} cells per sheet" in line


def test_a_billion_cells_in_a_tiny_file_are_refused_before_reading(tmp_path):
    path = ods_with_content(tmp_path, lambda c: after_header_row(
        c, "Measures", repeated_rows(1_000, cells=16_000)
        + '<table:table-row table:number-rows-repeated="1000000"><table:table-cell/>'
          "</table:table-row>" + repeated_rows(1)))
    line = one_error_line(run("validate", path), path)
    assert "sheet Measures" in line and "limit" in line


def test_empty_repeated_rows_at_the_end_are_what_libreoffice_writes_and_pass(tmp_path):
    with zipfile.ZipFile(MINIMAL_ODS) as archive:
        assert b'number-rows-repeated="1048' in archive.read("content.xml")
    _assessment, problems = read_workbook(MINIMAL_ODS)
    assert all(p.severity == "warning" for p in problems)


def test_entity_declarations_in_content_are_refused(tmp_path):
    path = ods_with_content(tmp_path, lambda c: BILLION_LAUGHS)
    line = one_error_line(run("validate", path), path)
    assert "XML entity declarations" in line and "content.xml" in line


def test_entity_declaration_in_another_part_is_refused(tmp_path):
    path = tmp_path / "styles.ods"
    path.write_bytes(replace_members(MINIMAL_ODS.read_bytes(), {"styles.xml": BILLION_LAUGHS}))
    line = one_error_line(run("validate", path), path)
    assert "XML entity declarations" in line and "styles.xml" in line


def test_a_cell_of_megabytes_is_refused_naming_the_limit(tmp_path):
    path = ods_with_content(tmp_path, lambda c: c.replace(
        "<text:p>Two-factor authentication</text:p>", "<text:p>" + "A" * 2_000_000 + "</text:p>"))
    line = one_error_line(run("validate", path), path)
    assert "content.xml" in line and "32,767 characters per cell" in line


def test_damaged_content_is_one_line(tmp_path):
    path = ods_with_content(tmp_path, lambda c: c[: len(c) // 2])
    line = one_error_line(run("validate", path), path)
    assert "spreadsheet is damaged" in line and "LibreOffice" in line


def test_an_ods_saved_with_a_password_says_what_to_do(tmp_path):
    path = tmp_path / "locked.ods"
    with zipfile.ZipFile(MINIMAL_ODS) as archive:
        manifest = archive.read("META-INF/manifest.xml").decode()
    manifest = manifest.replace(
        'manifest:full-path="content.xml"',
        'manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum="x"/'
        '></manifest:file-entry><manifest:file-entry manifest:full-path="x"', 1)
    path.write_bytes(replace_members(MINIMAL_ODS.read_bytes(),
                                     {"META-INF/manifest.xml": manifest}))
    line = one_error_line(run("validate", path), path)
    assert "saved with a password" in line and "without the password" in line


def test_other_opendocument_files_are_not_spreadsheets(tmp_path):
    path = tmp_path / "letter.ods"
    path.write_bytes(replace_members(MINIMAL_ODS.read_bytes(), {
        "mimetype": "application/vnd.oasis.opendocument.text"}))
    line = one_error_line(run("validate", path), path)
    assert "OpenDocument text document (.odt), not a spreadsheet" in line
