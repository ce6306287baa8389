"""dpia diff: what changed between two versions of an assessment."""

from __future__ import annotations

import dataclasses
import json

from dpia import diff
from dpia.matrix import preset
from dpia.scoring import score
from tests.factories import replace_risk, sample_assessment


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
    assert "      residual level: Medium -> Low" in text
    assert "      residual score: 4 -> 2" in text


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
    assert "  ~ conclusion: (empty) -> Go ahead" in text


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
    assert "  ~ prior consultation: no -> yes" in diff.render_text(changes)


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
