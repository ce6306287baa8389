"""dpia diff: what changed between two versions of an assessment."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import docx
from click.testing import CliRunner

from dpia import diff, docxml
from dpia.cli import cli
from dpia.matrix import preset
from dpia.scoring import score
from tests.factories import replace_risk, sample_assessment
from tests.workbooks import edit_part, minimal_sheets, set_cell, write_workbook


def _changes(new, old=None):
    return diff.compare(score(old or sample_assessment()), score(new))


def test_identical_versions_have_no_changes():
    changes = _changes(sample_assessment())
    assert not changes.changed
    assert diff.render_text(changes).splitlines()[-1] == "No changes."
    assert json.loads(diff.render_json(changes))["changed"] is False


def test_rescored_risk_names_old_and_new_levels_and_scores():
    changes = _changes(replace_risk(sample_assessment(), "R2", residual_likelihood=1))
    [risk] = changes.risks
    assert (risk.id, risk.change) == ("R2", diff.CHANGED)
    assert [(c.field, c.old, c.new) for c in risk.fields] == [
        ("residual_likelihood", "Possible", "Remote"),
        ("residual_score", 4, 2),
        ("residual_level", "Medium", "Low"),
    ]
    text = diff.render_text(changes)
    assert "  ~ R2 Profiling beyond expectations (changed)" in text
    assert "      Residual level: Medium -> Low" in text
    assert "      Residual score: 4 -> 2" in text


def test_added_and_removed_risks():
    old = sample_assessment()
    new_risk = dataclasses.replace(old.risks[0], id="R4", risk="Data sold on")
    new = dataclasses.replace(old, risks=(old.risks[0], old.risks[1], new_risk))
    changes = _changes(new, old)
    assert [(r.id, r.change) for r in changes.risks] == [
        ("R4", diff.ADDED), ("R3", diff.REMOVED)
    ]
    text = diff.render_text(changes)
    assert "  + R4 Data sold on (added)" in text
    assert "  - R3 Retention too long (removed)" in text
    # an unchanged risk is not listed
    assert "R1" not in text


def test_measure_status_change():
    old = sample_assessment()
    measures = (old.measures[0], dataclasses.replace(old.measures[1], status="implemented"))
    changes = _changes(dataclasses.replace(old, measures=measures), old)
    assert changes.measures == (
        diff.ItemChange("M2", "Opt-out in every offer", diff.CHANGED,
                        (diff.FieldChange("status", "planned", "implemented"),)),
    )


def test_processing_field_change_and_assessment_field_change():
    old = sample_assessment()
    processing = (dataclasses.replace(old.processing[0], retention="5 years"),
                  old.processing[1])
    info = dataclasses.replace(old.info, version="1.1", conclusion="Go ahead")
    changes = _changes(dataclasses.replace(old, processing=processing, info=info), old)
    assert changes.processing[0].fields == (
        diff.FieldChange("retention", "2 years", "5 years"),
    )
    assert changes.assessment == (
        diff.FieldChange("version", "1.0", "1.1"),
        diff.FieldChange("conclusion", "", "Go ahead"),
    )
    text = diff.render_text(changes)
    assert text.startswith("Changes from version 1.0 to version 1.1\n")
    assert "  ~ Conclusion: (empty) -> Go ahead" in text


def test_matrix_change_names_the_cell_and_rescored_risks():
    old = sample_assessment()
    ico = preset("ico", "en")
    # Remote x Severe raised from Low to Medium: R1's residual rating sits in that cell
    grid = ((0, 0, 1),) + ico.grid[1:]
    changes = _changes(dataclasses.replace(old, matrix=dataclasses.replace(ico, grid=grid)), old)
    assert changes.matrix == (
        diff.FieldChange("cell likelihood 1 x impact 3", "Low", "Medium"),
    )
    assert [(r.id, [c.field for c in r.fields]) for r in changes.risks] == [
        ("R1", ["residual_level"])
    ]


def test_matrix_changes_carry_what_changed_as_a_key_the_report_words():
    from dpia.report.changes import rows
    from dpia.report.context import Context

    old = sample_assessment()
    cnil = preset("cnil", "en")
    changes = _changes(dataclasses.replace(old, matrix=cnil), old)
    keys = {c.key: c.field for c in changes.matrix}
    assert keys[("cell", 4, 4)] == "cell likelihood 4 x impact 4"
    assert keys[("likelihood", 4)] == "likelihood 4"
    assert keys[("impact", 4, "description")] == "impact 4 description"
    assert keys[("name",)] == "name"
    # the report's words come from the key, whatever the field's English name says
    renamed = dataclasses.replace(changes, matrix=(
        diff.FieldChange("a cell", "Low", "Medium", key=("cell", 1, 3)),
        diff.FieldChange("a colour", "00B050", "92D050", key=("level", 1, "colour")),
    ))
    ctx = Context(score(old), "nl", previous=score(old))
    details = next(row[2] for row in rows(ctx, renamed) if row[0] == "Risicomatrix")
    assert details.splitlines() == ["Kans 1 × impact 3: Low → Medium",
                                    "Niveau 1: kleur: 00B050 → 92D050"]


def test_a_different_matrix_lists_its_new_scale_levels():
    old = sample_assessment()
    changes = _changes(dataclasses.replace(old, matrix=preset("cnil", "en")), old)
    fields = {c.field: (c.old, c.new) for c in changes.matrix}
    assert fields["name"] == ("ico", "cnil")
    assert fields["title"] == ("ICO (3×3)", "CNIL (4×4)")
    assert fields["likelihood 4"] == (None, "Maximum")
    assert fields["cell likelihood 4 x impact 4"] == (None, "High")


def test_a_residual_risk_raised_to_high_changes_the_conclusion():
    old = sample_assessment()
    changes = _changes(replace_risk(old, "R1", residual_likelihood=3), old)
    assert changes.conclusion == (diff.FieldChange("prior_consultation", False, True),)
    assert "  ~ Prior consultation (Art. 36): no -> yes" in diff.render_text(changes)


def test_json_lists_each_section():
    old = sample_assessment()
    new = replace_risk(old, "R1", owner="Security")
    data = json.loads(diff.render_json(_changes(new, old)))
    assert data["changed"] is True
    assert data["risks"] == [{
        "id": "R1", "label": "Account takeover", "change": "changed",
        "fields": [{"field": "owner", "old": "IT", "new": "Security"}],
    }]
    assert data["measures"] == [] and data["matrix"] == []
    assert data["old"] == {"title": "Customer loyalty programme", "version": "1.0"}


def test_moving_a_row_in_the_workbook_is_not_a_change():
    old = sample_assessment()
    moved = dataclasses.replace(
        old.measures[0], origin=dataclasses.replace(old.measures[0].origin, row=9, cell="A9")
    )
    new = dataclasses.replace(old, measures=(moved, old.measures[1]))
    assert not _changes(new, old).changed


# --- the command ------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _second_version(path: Path) -> Path:
    """Version 1.1 of the minimal workbook: one of each kind of change."""
    sheets = minimal_sheets()
    set_cell(sheets, "Assessment", "Version", "Value", "1.1")
    set_cell(sheets, "Risks", "R1", "Likelihood", "Probable")  # re-scored
    set_cell(sheets, "Measures", "M2", "Status", "in progress")
    set_cell(sheets, "Processing", "P2", "Retention", "6 months")
    sheets["Risks"].append(["R3", "P1", "Points fraud by staff", "Staff", "Financial loss",
                            "Remote", "Significant", "M1", "", "", "reduce", "IT"])
    return write_workbook(path, sheets)


def test_diff_of_two_workbooks_lists_each_kind_of_change(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    new = _second_version(tmp_path / "v2.xlsx")
    result = run("diff", old, new)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"Changes from {old} (version 1.0) to {new} (version 1.1)\n")
    assert "  ~ Version: 1.0 -> 1.1" in out
    assert "  ~ P2 Purchase analytics (changed)\n      Retention: 1 year -> 6 months" in out
    assert "      Likelihood: Possible -> Probable\n      Score: 6 -> 9" in out
    assert "  + R3 Points fraud by staff (added)" in out
    assert "  ~ M2 Opt-out in every offer (changed)\n      Status: planned -> in progress" in out
    assert "R2" not in out and "M1 " not in out


def test_exit_code_option(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    same = write_workbook(tmp_path / "same.xlsx", minimal_sheets())
    new = _second_version(tmp_path / "v2.xlsx")
    assert run("diff", old, new, "--exit-code").exit_code == 1
    unchanged = run("diff", old, same, "--exit-code")
    assert unchanged.exit_code == 0
    assert unchanged.stdout.endswith("No changes.\n")


def test_json_format_for_tools(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    new = _second_version(tmp_path / "v2.xlsx")
    data = json.loads(run("diff", old, new, "--format", "json").stdout)
    assert data["changed"] is True
    assert data["old"] == {"title": "Customer loyalty programme", "version": "1.0",
                           "file": str(old)}
    [added] = [r for r in data["risks"] if r["id"] == "R3"]
    assert (added["label"], added["change"]) == ("Points fraud by staff", "added")
    assert {f["field"]: f["new"] for f in added["fields"]} == {
        "likelihood": "Remote", "impact": "Significant", "score": 2, "level": "Low",
        "residual_likelihood": "Remote", "residual_impact": "Significant",
        "residual_score": 2, "residual_level": "Low"}
    assert all(f["old"] is None for f in added["fields"])
    assert data["measures"][0]["fields"] == [
        {"field": "status", "old": "planned", "new": "in_progress"}
    ]


def test_diff_of_a_report_against_a_workbook(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    report = tmp_path / "v1.docx"
    assert run("build", old, "-o", report).exit_code == 0
    # the report against its own workbook: nothing changed
    same = run("diff", report, old, "--exit-code")
    assert same.exit_code == 0, same.output
    new = _second_version(tmp_path / "v2.xlsx")
    result = run("diff", report, new)
    assert result.exit_code == 0
    assert "  + R3 Points fraud by staff (added)" in result.output
    # two reports
    report2 = tmp_path / "v2.docx"
    assert run("build", new, "-o", report2).exit_code == 0
    both = run("diff", report, report2, "--format", "json")
    assert [r["id"] for r in json.loads(both.stdout)["risks"]] == ["R1", "R3"]


def test_diff_with_a_plain_word_document_is_not_a_report(tmp_path):
    plain = tmp_path / "letter.docx"
    docx.Document().save(plain)
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    result = run("diff", old, plain)
    assert result.exit_code == 1
    assert "not a dpia report" in result.output


def test_build_with_previous_adds_the_changes_section(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    new = _second_version(tmp_path / "v2.xlsx")
    report = tmp_path / "v2.docx"
    result = run("build", new, "-o", report, "--previous", old)
    assert result.exit_code == 0, result.output
    document = docx.Document(report)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Changes since version 1.0" in headings
    texts = [p.text for p in document.paragraphs]
    assert "Risks added: R3." in texts
    table = next(t for t in document.tables if docxml.table_kind(t._tbl) == "changes")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Item", "Change", "Details"]
    assert ["Risk R3", "added", "Points fraud by staff\n"
            "Likelihood: Remote, Impact: Significant, Score: 2, Level: Low\n"
            "Residual likelihood: Remote, Residual impact: Significant, Residual score: 2, "
            "Residual level: Low"] in rows
    assert ["Measure M2", "changed", "Status: planned → in progress"] in rows
    assert ["Processing operation P2", "changed", "Retention: 1 year → 6 months"] in rows
    # the report with a changes section still verifies
    assert run("verify", report, new).exit_code == 0


# --- fields only one side has; screening criteria in another language -------------------------


def _numeric_levels(sheets, matrix):
    """The minimal workbook on ``matrix``, its levels given as numbers (valid on any preset)."""
    sheets["Assessment"].append(["Matrix", matrix])
    for row in sheets["Risks"][1:]:
        for column, value in ((5, 2), (6, 3), (8, 1), (9, 3)):
            row[column] = value
    return sheets


def test_a_removed_matrix_level_is_listed_as_removed_not_as_emptied(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", _numeric_levels(minimal_sheets(), "cnil"))
    new = write_workbook(tmp_path / "v2.xlsx", _numeric_levels(minimal_sheets(), "ico"))
    result = run("diff", old, new)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  - likelihood 4: Maximum (removed)" in lines
    assert "  - cell likelihood 4 x impact 4: High (removed)" in lines
    assert "  ~ likelihood 1: Negligible -> Remote" in lines
    assert "(empty)" not in result.stdout
    back = run("diff", new, old).stdout.splitlines()
    assert "  + likelihood 4: Maximum (added)" in back


def test_the_report_lists_a_removed_matrix_level_as_removed(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", _numeric_levels(minimal_sheets(), "cnil"))
    new = write_workbook(tmp_path / "v2.xlsx", _numeric_levels(minimal_sheets(), "ico"))
    report = tmp_path / "v2.docx"
    assert run("build", new, "-o", report, "--previous", old).exit_code == 0
    table = next(t for t in docx.Document(report).tables if docxml.table_kind(t._tbl) == "changes")
    matrix_row = next([c.text for c in row.cells] for row in table.rows
                      if row.cells[0].text == "Risk matrix")
    details = matrix_row[2].splitlines()
    assert "Likelihood 4: Maximum (removed)" in details
    assert "Likelihood 1: Negligible → Remote" in details
    assert not any("not provided" in line for line in details)


def _with_screening(sheets, names):
    sheets["Screening"] = [["Criterion", "Applies", "Justification"]] + [
        [name, "yes", "Customers' purchases are scored"] for name in names]
    return sheets


def test_screening_criteria_compare_by_criterion_not_by_their_language(tmp_path):
    english = ("Evaluation or scoring", "Systematic monitoring")
    dutch = ("Evaluatie of scoretoekenning", "Stelselmatige monitoring")
    old = write_workbook(tmp_path / "en.xlsx", _with_screening(minimal_sheets(), english))
    new = write_workbook(tmp_path / "nl.xlsx", _with_screening(minimal_sheets(), dutch))
    result = run("diff", old, new, "--exit-code")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "No changes."
    sheets = _with_screening(minimal_sheets(), dutch)
    sheets["Screening"][2][1] = "no"
    changed = write_workbook(tmp_path / "nl2.xlsx", sheets)
    lines = run("diff", old, changed).stdout.splitlines()
    assert "  ~ monitoring Stelselmatige monitoring (changed)" in lines
    assert "      Applies: yes -> no" in lines
    assert not any(line.strip().startswith("criterion:") for line in lines)


# --- added and removed risks with their ratings, counts per level, renumbering, language ------


def test_an_added_and_a_removed_risk_show_their_ratings_and_level(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    new = _second_version(tmp_path / "v2.xlsx")
    lines = run("diff", old, new).stdout.splitlines()
    at = lines.index("  + R3 Points fraud by staff (added)")
    assert lines[at + 1:at + 3] == [
        "      Likelihood: Remote, Impact: Significant, Score: 2, Level: Low",
        "      Residual likelihood: Remote, Residual impact: Significant, Residual score: 2, "
        "Residual level: Low",
    ]
    back = run("diff", new, old).stdout.splitlines()
    at = back.index("  - R3 Points fraud by staff (removed)")
    assert back[at + 1] == "      Likelihood: Remote, Impact: Significant, Score: 2, Level: Low"
    removed = json.loads(run("diff", new, old, "--format", "json").stdout)
    [entry] = [r for r in removed["risks"] if r["change"] == "removed"]
    assert {f["field"]: f["old"] for f in entry["fields"]}["residual_level"] == "Low"


def test_counts_per_level_before_and_after(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    new = _second_version(tmp_path / "v2.xlsx")  # R1 re-scored, R3 added (Low)
    lines = run("diff", old, new).stdout.splitlines()
    at = lines.index("Risks per level:")
    assert lines[at + 1:at + 4] == [
        "  High: inherent 2 -> 2, residual 0 -> 0",
        "  Medium: inherent 0 -> 0, residual 1 -> 1",
        "  Low: inherent 0 -> 1, residual 1 -> 2",
    ]
    data = json.loads(run("diff", old, new, "--format", "json").stdout)
    assert data["levels"][0] == {"level": "Low", "inherent": {"old": 0, "new": 1},
                                 "residual": {"old": 1, "new": 2}}
    # nothing changed: no counts, only "No changes."
    assert "Risks per level" not in run("diff", old, old).stdout


def _without_r1(sheets):
    """R1 deleted and R2 renumbered R1, as a DPO who closes the gap would."""
    sheets["Risks"].pop(1)
    sheets["Risks"][1][0] = "R1"
    return sheets


def test_a_renumbered_risk_is_shown_as_renumbered_not_removed_and_added(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    new = write_workbook(tmp_path / "v2.xlsx", _without_r1(minimal_sheets()))
    result = run("diff", old, new)
    lines = result.stdout.splitlines()
    assert "  ~ R1 Profiling beyond expectations (renumbered from R2)" in lines
    at = lines.index("  - R1 Account takeover exposes purchase history (removed)")
    assert lines[at + 1].startswith("      Likelihood: Possible, Impact: Severe")
    assert not any("R2" in line and "removed" in line for line in lines)
    assert not any("Profiling" in line and "added" in line for line in lines)
    data = json.loads(run("diff", old, new, "--format", "json").stdout)
    assert [(r["id"], r["change"], r.get("old_id")) for r in data["risks"]] == [
        ("R1", "renumbered", "R2"), ("R1", "removed", None)]


def test_a_renumbered_risk_with_changed_content_is_not_called_renumbered(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    sheets = _without_r1(minimal_sheets())
    set_cell(sheets, "Risks", "R1", "Owner", "Legal")
    new = write_workbook(tmp_path / "v2.xlsx", sheets)
    lines = run("diff", old, new).stdout.splitlines()
    assert not any("(renumbered" in line for line in lines)
    assert "  - R2 Profiling beyond expectations (removed)" in lines


def test_swapped_ids_are_two_renumberings(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    sheets = minimal_sheets()
    sheets["Risks"][1][0], sheets["Risks"][2][0] = "R2", "R1"
    new = write_workbook(tmp_path / "v2.xlsx", sheets)
    lines = run("diff", old, new).stdout.splitlines()
    assert "  ~ R2 Account takeover exposes purchase history (renumbered from R1)" in lines
    assert "  ~ R1 Profiling beyond expectations (renumbered from R2)" in lines
    assert "Risks per level:" in lines  # the risks moved, the counts did not
    assert not any("(changed)" in line for line in lines)


def test_the_report_lists_a_renumbered_risk(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    new = write_workbook(tmp_path / "v2.xlsx", _without_r1(minimal_sheets()))
    report = tmp_path / "v2.docx"
    assert run("build", new, "-o", report, "--previous", old).exit_code == 0
    table = next(t for t in docx.Document(report).tables if docxml.table_kind(t._tbl) == "changes")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert ["Risk R1", "renumbered", "previously R2\nProfiling beyond expectations"] in rows


def test_the_same_workbook_built_in_another_language_has_no_changes(tmp_path):
    workbook = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    english, dutch = tmp_path / "en.docx", tmp_path / "nl.docx"
    assert run("build", workbook, "-o", english, "--lang", "en").exit_code == 0
    assert run("build", workbook, "-o", dutch, "--lang", "nl").exit_code == 0
    result = run("diff", english, dutch, "--exit-code")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Geen wijzigingen."
    # a real change between them still shows, in the newer version's words
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", "Remote")
    changed = write_workbook(tmp_path / "v2.xlsx", sheets)
    dutch2 = tmp_path / "nl2.docx"
    assert run("build", changed, "-o", dutch2, "--lang", "nl").exit_code == 0
    lines = run("diff", english, dutch2).stdout.splitlines()
    # the fields named as the Dutch Risico's sheet heads them (or in Dutch words)
    assert "      Restkans: Possible -> Laag" in lines
    assert "      Restniveau: Medium -> Laag" in lines

    assert not any(line.startswith("  ~ language") for line in lines)
    assert "Matrix:" not in lines


def test_a_matrix_level_renamed_by_the_dpo_is_still_a_change():
    old = sample_assessment()
    ico = old.matrix
    levels = (dataclasses.replace(ico.levels[0], name="Acceptable"),) + ico.levels[1:]
    changes = _changes(dataclasses.replace(old, matrix=dataclasses.replace(ico, levels=levels)),
                       old)
    assert diff.FieldChange("level 1", "Low", "Acceptable") in changes.matrix


def test_diff_warns_when_a_report_side_fails_verify(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    report = tmp_path / "v1.docx"
    assert run("build", old, "-o", report).exit_code == 0
    document = docx.Document(report)
    table = next(t for t in document.tables
                 if [c.text for c in t.rows[0].cells][:2] == ["ID", "Risk"]
                 and "Residual level" in [c.text for c in t.rows[0].cells])
    header = [c.text for c in table.rows[0].cells]
    row = next(r for r in table.rows if r.cells[0].text == "R2")
    row.cells[header.index("Residual level")].paragraphs[0].runs[0].text = "Low"
    document.save(report)
    result = run("diff", report, old)
    assert result.exit_code == 0
    assert (f"{report}: warning: the report does not verify (Table 9: Inherent and residual "
            'risk, row R2, column Residual level: the report says "Low", the record says '
            '"Medium"') in result.stderr
    assert "dpia verify" in result.stderr
    # what is compared is still the record, and it says so
    assert result.stdout.splitlines()[-1] == "No changes."
    clean = run("diff", old, old)
    assert "warning" not in clean.stderr


def test_diff_of_a_report_whose_pages_cannot_be_read_warns_and_compares_its_record(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", minimal_sheets())
    report = tmp_path / "v1.docx"
    assert run("build", old, "-o", report).exit_code == 0
    edit_part(report, "word/document.xml", lambda xml: xml[: len(xml) // 2])  # truncated
    result = run("diff", report, old)
    assert result.exit_code == 0, result.output
    assert f"{report}: warning: the report does not verify (the report is damaged" \
        in result.stderr
    assert result.stdout.splitlines()[-1] == "No changes."
