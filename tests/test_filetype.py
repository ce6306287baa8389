"""A corpus of files that are not readable workbooks, generated here: each is refused by
``check_file`` with one line naming the file, what it is, and what to do."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest
from workbooks import minimal_sheets, write_workbook

from dpia import filetype
from dpia.errors import FileFormatError, TemplateError
from dpia.filetype import MAX_ROWS, check_file, check_template

# --- builders for the corpus ------------------------------------------------------------------

_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def compound_file(stream_names: list[str]) -> bytes:
    """A minimal OLE2/CFB container (header, one FAT sector, one directory sector) whose
    directory lists ``stream_names`` under the root entry: enough for a format sniffer."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<IIII", header, 60, _END, 0, _END, 0)
    header[76:512] = b"\xff" * 436
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    fat = struct.pack("<II", _FATSECT, _END) + b"\xff" * 504
    entries = [("Root Entry", 5)] + [(name, 2) for name in stream_names]
    directory = bytearray()
    for name, kind in entries:
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
        struct.pack_into("<III", entry, 68, _FREE, _FREE, _FREE)
        struct.pack_into("<II", entry, 116, _END, 0)
        directory += entry
    directory += b"\x00" * (512 - len(directory) % 512 if len(directory) % 512 else 0)
    return bytes(header) + fat + bytes(directory)


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    """A deflated zip holding ``members`` in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


def workbook_bytes(tmp_path: Path) -> bytes:
    return write_workbook(tmp_path / "valid.xlsx", minimal_sheets()).read_bytes()


def replace_members(data: bytes, replacements: dict[str, bytes | str]) -> bytes:
    """A copy of the zip ``data`` with some members replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members: dict[str, bytes | str] = {info.filename: source.read(info)
                                       for info in source.infolist()}
    members.update(replacements)
    return zip_bytes(members)


def with_shared_strings(data: bytes, xml: str) -> bytes:
    """The workbook ``data`` with a shared-strings part, registered as Excel does it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").decode().replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    rels = source.read("xl/_rels/workbook.xml.rels").decode().replace("</Relationships>", (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/></Relationships>'))
    return replace_members(data, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels,
                                  "xl/sharedStrings.xml": xml})


def sheet_part(tmp_path: Path, sheet: str) -> str:
    """The worksheet part of ``sheet`` in the valid workbook (openpyxl numbers them in order)."""
    return f"xl/worksheets/sheet{list(minimal_sheets()).index(sheet) + 1}.xml"


BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
              for i in range(1, 10))
    + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


def rows_xml(count: int) -> str:
    """Worksheet XML with ``count`` rows of inline strings, as a generator program writes it."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>R{r}</t></is></c></row>'
        for r in range(1, count + 1))
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows}</sheetData></worksheet>")


def wide_xml(rows: int, columns: int) -> str:
    """Worksheet XML of ``rows`` rows of ``columns`` styled empty cells."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, columns + 1)]
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{x}{r}" s="1"/>' for x in letters) + "</row>"
        for r in range(1, rows + 1))
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{body}</sheetData></worksheet>")


# --- the corpus: (file name, bytes builder, words the message must contain) --------------------

CORPUS = {
    "empty": ("empty.xlsx", lambda tmp: b"", ["empty.xlsx", "empty", "save"]),
    "not a zip": ("noise.xlsx", lambda tmp: os.urandom(4096) + b"\x00" * 64,
                  ["noise.xlsx", "not an Excel workbook", ".xlsx"]),
    "truncated zip": ("cut.xlsx", lambda tmp: workbook_bytes(tmp)[:2000],
                      ["cut.xlsx", "damaged or incomplete", "save it again"]),
    "zip, not a workbook": ("archive.xlsx",
                            lambda tmp: zip_bytes({"readme.txt": "hello", "data.csv": "a,b"}),
                            ["archive.xlsx", "zip archive but not an Excel workbook"]),
    "docx": ("letter.xlsx", lambda tmp: zip_bytes({
        "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
        ["letter.xlsx", "Word document (.docx)"]),
    "old xls": ("budget.xls", lambda tmp: compound_file(["Workbook", "\x05SummaryInformation"]),
                ["budget.xls", "old Excel 97-2003 .xls", "save it as", ".xlsx"]),
    "old xls, BIFF5": ("old.xls", lambda tmp: compound_file(["Book"]),
                       ["old.xls", "Excel 97-2003"]),
    "encrypted": ("secret.xlsx", lambda tmp: compound_file(
        ["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"]),
        ["secret.xlsx", "encrypted", "password", "save it again"]),
    "old doc": ("memo.xlsx", lambda tmp: compound_file(["WordDocument", "1Table"]),
                ["memo.xlsx", "Word .doc"]),
    "other OLE2": ("thing.xlsx", lambda tmp: compound_file(["Contents"]),
                   ["thing.xlsx", "OLE2", ".xlsx"]),
    "ods": ("sheet.xlsx", lambda tmp: zip_bytes({
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": "<office:document-content/>"}),
        ["sheet.xlsx", "spreadsheet is damaged", "content.xml", "LibreOffice"]),
    "odt": ("letter.ods", lambda tmp: zip_bytes({
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": "<office:document-content/>"}),
        ["letter.ods", "OpenDocument text document (.odt), not a spreadsheet", "save it as"]),
    "csv renamed": ("risks.xlsx", lambda tmp: "ID;Risk;Likelihood\nR1;Café leak;Possible\n"
                    .encode() * 50, ["risks.xlsx", "plain text file (CSV", ".xlsx"]),
    "utf-16 text": ("export.xlsx", lambda tmp: "ID\tRisk\nR1\tLeak\n".encode("utf-16"),
                    ["export.xlsx", "plain text"]),
    "html as xls": ("report.xls", lambda tmp: b"<html><body><table><tr><td>1</td></tr>"
                    b"</table></body></html>", ["report.xls", "web page (HTML)"]),
    "excel 2003 xml": ("old.xml.xlsx", lambda tmp: b'<?xml version="1.0"?>\n<?mso-application '
                       b'progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:'
                       b'office:spreadsheet"/>', ["Excel 2003 XML spreadsheet"]),
    "pdf": ("scan.xlsx", lambda tmp: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
            ["scan.xlsx", "PDF document"]),
    "xlsb": ("binary.xlsb", lambda tmp: zip_bytes({
        "[Content_Types].xml": "<Types/>", "xl/workbook.bin": b"\x83\x01\x00"}),
        ["binary.xlsb", "binary Excel workbook (.xlsb)", "save it as"]),
    "billion laughs": ("bomb.xlsx", lambda tmp: with_shared_strings(
        workbook_bytes(tmp), BILLION_LAUGHS),
        ["bomb.xlsx", "XML entity declarations", "xl/sharedStrings.xml", "possible XML bomb"]),
    "entity in a sheet, utf-16": ("bomb16.xlsx", lambda tmp: replace_members(
        workbook_bytes(tmp), {sheet_part(tmp, "Risks"): BILLION_LAUGHS.replace(
            'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")}),
        ["bomb16.xlsx", "XML entity declarations"]),
    "external entity": ("xxe.xlsx", lambda tmp: replace_members(workbook_bytes(tmp), {
        "xl/workbook.xml": '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM '
                           '"file:///etc/passwd">]><workbook>&x;</workbook>'}),
        ["xxe.xlsx", "XML entity declarations", "xl/workbook.xml"]),
    "entity after a long comment": ("late.xlsx", lambda tmp: replace_members(
        workbook_bytes(tmp), {"xl/styles.xml": '<?xml version="1.0"?>\n<!--' + " <a> " * 40_000
                              + "-->\n" + BILLION_LAUGHS.split("\n", 1)[1]}),
        ["late.xlsx", "XML entity declarations", "xl/styles.xml"]),
    "password-protected zip members": ("locked.xlsx", lambda tmp: encrypted_flag_zip(
        workbook_bytes(tmp)), ["locked.xlsx", "password"]),
    "strict open xml": ("strict.xlsx", lambda tmp: replace_members(workbook_bytes(tmp), {
        "xl/workbook.xml": '<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>'}),
        ["strict.xlsx", "Strict Open XML", "save it as Excel Workbook (.xlsx)"]),
    "too many rows": ("rows.xlsx", lambda tmp: replace_members(
        workbook_bytes(tmp), {sheet_part(tmp, "Measures"): rows_xml(MAX_ROWS + 100)}),
        ["rows.xlsx", "sheet Measures", f"{MAX_ROWS + 100:,} rows", f"limit of {MAX_ROWS:,}"]),
    "huge shared strings": ("strings.xlsx", lambda tmp: with_shared_strings(
        workbook_bytes(tmp), '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main">' + ("<si><t>" + "A" * 100 + "</t></si>") * 100_000 + "</sst>"),
        ["strings.xlsx", "xl/sharedStrings.xml", "possible zip bomb"]),
}


def encrypted_flag_zip(data: bytes) -> bytes:
    """Set the 'encrypted' flag bit on every member, as a zip made with a password has."""
    raw = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            raw[start + flag_offset] |= 0x01
            start += 4
    return bytes(raw)


@pytest.mark.parametrize("case", list(CORPUS))
def test_corpus_file_is_refused_with_one_clear_line(tmp_path, case):
    file_name, build, expected = CORPUS[case]
    path = tmp_path / file_name
    path.write_bytes(build(tmp_path))
    with pytest.raises(FileFormatError) as caught:
        check_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:")
    for words in expected:
        assert words in message


def test_valid_workbook_passes(tmp_path):
    check_file(write_workbook(tmp_path / "ok.xlsx", minimal_sheets()))


def test_valid_workbook_with_odd_extension_passes(tmp_path):
    # the bytes decide, not the name: a real workbook saved as .XLSM or .dat is a workbook
    path = tmp_path / "ok.dat"
    path.write_bytes(workbook_bytes(tmp_path))
    check_file(path)


def test_rows_at_the_limit_pass(tmp_path):
    path = tmp_path / "full.xlsx"
    path.write_bytes(replace_members(
        workbook_bytes(tmp_path), {sheet_part(tmp_path, "Measures"): rows_xml(MAX_ROWS)}))
    check_file(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileFormatError, match=r"gone\.xlsx: no such file"):
        check_file(tmp_path / "gone.xlsx")
    with pytest.raises(FileFormatError, match="is a folder, not a workbook"):
        check_file(tmp_path)


def test_file_over_the_size_limit_says_the_limit(tmp_path):
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.truncate(filetype.MAX_FILE_BYTES + 1)
    with pytest.raises(FileFormatError) as caught:
        check_file(path)
    assert "huge.xlsx" in str(caught.value)
    assert f"limit of {filetype.MAX_FILE_BYTES // 2**20} MB" in str(caught.value)


def test_too_many_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(filetype, "MAX_CELLS", 2_000)
    path = tmp_path / "wide.xlsx"
    path.write_bytes(replace_members(workbook_bytes(tmp_path),
                                     {sheet_part(tmp_path, "Risks"): wide_xml(30, 70)}))
    with pytest.raises(FileFormatError) as caught:
        check_file(path)
    assert str(caught.value).startswith(f"{path}: sheet Risks has 2,100 cells, more than "
                                        "dpia's limit of 2,000 cells per sheet")
    path.write_bytes(replace_members(workbook_bytes(tmp_path),
                                     {sheet_part(tmp_path, "Risks"): wide_xml(20, 100)}))
    check_file(path)


def test_total_unzipped_size_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(filetype, "MAX_UNCOMPRESSED_BYTES", 10_000)
    path = tmp_path / "big.xlsx"
    path.write_bytes(replace_members(workbook_bytes(tmp_path), {"xl/media/pad.xml": "x" * 20_000}))
    expected = r"unzips to \d+ KB, .*limit of 10 KB \(possible zip bomb\)"
    with pytest.raises(FileFormatError, match=expected):
        check_file(path)


def test_shared_string_of_4_mb_is_refused_naming_the_excel_limit(tmp_path):
    # random letters, so the part does not compress well: the size of the text decides
    text = os.urandom(2 * 2**20).hex()
    path = tmp_path / "long.xlsx"
    path.write_bytes(with_shared_strings(workbook_bytes(tmp_path), (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<si><t>{text}</t></si></sst>")))
    with pytest.raises(FileFormatError) as caught:
        check_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: the shared-strings part holds a text of more than 1 MB")
    assert "32,767 characters" in message


def test_inline_30_mb_cell_in_a_sheet_is_refused(tmp_path):
    text = "B" * (30 * 2**20)
    path = tmp_path / "inline.xlsx"
    path.write_bytes(replace_members(workbook_bytes(tmp_path), {sheet_part(tmp_path, "Risks"): (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row>'
        "</sheetData></worksheet>")}))
    with pytest.raises(FileFormatError, match="sheet Risks holds a text of more than 1 MB"):
        check_file(path)


def test_defusedxml_is_what_openpyxl_parses_with():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_openpyxl_itself_refuses_the_billion_laughs(tmp_path):
    # the second line of defence, should a bomb get past check_file
    import defusedxml
    import openpyxl

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(with_shared_strings(workbook_bytes(tmp_path), BILLION_LAUGHS))
    with pytest.raises(ValueError) as caught:  # openpyxl wraps the parser's refusal
        openpyxl.load_workbook(path, read_only=True)
    assert isinstance(caught.value.__cause__, defusedxml.DefusedXmlException)
    path.write_bytes(replace_members(workbook_bytes(tmp_path),
                                     {sheet_part(tmp_path, "Risks"): BILLION_LAUGHS}))
    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(path, read_only=True)
    assert isinstance(caught.value.__cause__, defusedxml.DefusedXmlException)


def test_message_uses_the_name_as_given(tmp_path):
    path = tmp_path / "budget.xls"
    path.write_bytes(compound_file(["Workbook"]))
    with pytest.raises(FileFormatError) as caught:
        check_file(path, name="budget.xls")
    assert str(caught.value) == (
        "budget.xls: this is an old Excel 97-2003 .xls workbook; open it in Excel or "
        "LibreOffice and save it as an Excel Workbook (.xlsx)")


# --- the --template reference document ------------------------------------------------------

def reference_bytes() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def as_docm(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").decode().replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml")
    assert "macroEnabled" in types
    return replace_members(data, {"[Content_Types].xml": types,
                                  "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"})


TEMPLATE_CORPUS = {
    "empty": ("ref.docx", lambda tmp: b"", ["empty"]),
    "text": ("ref.docx", lambda tmp: b"Just some notes\n" * 20, ["plain text", ".docx"]),
    "old doc": ("ref.doc", lambda tmp: compound_file(["WordDocument"]),
                ["old Word 97-2003 .doc", "save it as a Word Document (.docx)"]),
    "encrypted": ("ref.docx", lambda tmp: compound_file(["EncryptionInfo", "EncryptedPackage"]),
                  ["encrypted", "password"]),
    "workbook": ("ref.docx", workbook_bytes, ["Excel workbook, not a Word reference document"]),
    "zip": ("ref.docx", lambda tmp: zip_bytes({"a.txt": "a"}),
            ["zip archive, not a Word reference document (.docx)"]),
    "truncated": ("ref.docx", lambda tmp: reference_bytes()[:3000], ["damaged or incomplete"]),
    "odt": ("ref.odt", lambda tmp: zip_bytes({"mimetype": "application/vnd.oasis."
                                              "opendocument.text"}), ["OpenDocument"]),
    "macros by part": ("ref.docx", lambda tmp: replace_members(
        reference_bytes(), {"word/vbaProject.bin": b"\x00" * 100}), ["macros (.docm)"]),
    "docm": ("ref.docm", lambda tmp: as_docm(reference_bytes()), ["macros (.docm)", ".dotx"]),
    "entities": ("ref.docx", lambda tmp: replace_members(reference_bytes(), {
        "word/styles.xml": BILLION_LAUGHS}), ["document contains XML entity declarations",
                                              "word/styles.xml", "save the document again"]),
}


@pytest.mark.parametrize("case", list(TEMPLATE_CORPUS))
def test_bad_template_is_refused_with_one_clear_line(tmp_path, case):
    file_name, build, expected = TEMPLATE_CORPUS[case]
    path = tmp_path / file_name
    path.write_bytes(build(tmp_path))
    with pytest.raises(TemplateError) as caught:
        check_template(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}:")
    for words in expected:
        assert words in message


def test_word_reference_document_passes(tmp_path):
    path = tmp_path / "ref.docx"
    path.write_bytes(reference_bytes())
    check_template(path)


def test_missing_template(tmp_path):
    with pytest.raises(TemplateError, match="no such file"):
        check_template(tmp_path / "nope.docx")


def test_xlsm_with_macros_passes_and_is_read(tmp_path):
    from dpia.reader import read_workbook

    data = workbook_bytes(tmp_path)
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").decode().replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    assert "macroEnabled" in types
    path = tmp_path / "macros.xlsm"
    path.write_bytes(replace_members(data, {"[Content_Types].xml": types,
                                            "xl/vbaProject.bin": compound_file(["VBA"])}))
    check_file(path)
    assessment, problems = read_workbook(path)
    assert assessment is not None and assessment.info.title == "Customer loyalty programme"


def test_markup_typed_in_a_cell_is_not_a_declaration(tmp_path):
    from dpia.reader import read_workbook

    sheets = minimal_sheets()
    sheets["Risks"][1][2] = "<!DOCTYPE x [<!ENTITY a 'b'>]> &a; <!-- -->"
    path = write_workbook(tmp_path / "typed.xlsx", sheets)
    check_file(path)
    assessment, _ = read_workbook(path)
    assert assessment.risks[0].risk == "<!DOCTYPE x [<!ENTITY a 'b'>]> &a; <!-- -->"
