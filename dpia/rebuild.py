"""``dpia verify REPORT WORKBOOK --rebuild``: build the report again and compare the files.

The strictest check there is: the workbook is built again with this dpia, in the report's
language, and every part of the new .docx is compared byte for byte with the report's (part
names and contents). The parts are compared unzipped, because the zip around them depends on
the deflate (zlib) implementation that compressed them: two builds with the same dpia on
machines with another zlib give equal parts in different .docx bytes.

What the report does not record cannot be repeated: a report built with ``--template`` or
``--previous`` is rebuilt without them, and then differs. A signed report's signature is
carried over into the rebuild as it is (it signs the record, which the rebuild must
reproduce byte for byte for the two to be equal).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from dpia import __version__, provenance, signing
from dpia.errors import FileFormatError, one_line
from dpia.i18n import _
from dpia.loading import load_scored


@dataclass(frozen=True)
class Rebuild:
    """The report's parts against those of its rebuild."""

    parts: int  # parts the two files have in common
    differ: tuple[str, ...] = ()  # parts of both, with other bytes
    only_in_report: tuple[str, ...] = ()
    only_in_rebuild: tuple[str, ...] = ()
    lang: str = ""
    built_by: str = ""  # the dpia version the record names

    @property
    def identical(self) -> bool:
        return not (self.differ or self.only_in_report or self.only_in_rebuild)


def _parts(data: bytes | Path, name: str) -> dict[str, bytes]:
    try:
        source = data if isinstance(data, Path) else io.BytesIO(data)
        with zipfile.ZipFile(source) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()
                    if not info.is_dir()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileFormatError(_("{file}: cannot read the parts of the file: {reason}")
                              .format(file=name, reason=exc)) from None


def rebuild(report: str | Path, workbook: str | Path, *, password: str | None = None) -> bytes:
    """The report that this dpia builds from ``workbook`` in ``report``'s language, carrying
    ``report``'s signature if it has one (exactly one)."""
    from dpia.report import render

    report = Path(report)
    lang = provenance.report_language(report)
    scored, _warnings = load_scored(Path(workbook), lang=lang, name=str(workbook),
                                    password=password)
    signatures = signing.read_signatures(report)
    armored = signatures[0][1].strip() + "\n" if len(signatures) == 1 else None

    def same_signature(_record: bytes) -> str:
        return armored

    return render(scored, lang=lang or scored.assessment.info.language or "en",
                  signer=same_signature if armored else None)


def compare(report: str | Path, workbook: str | Path, *,
            password: str | None = None) -> Rebuild:
    """Rebuild ``report`` from ``workbook`` and compare the two files part by part. Run it
    after ``dpia.verify.verify`` (which checks the report is a dpia report within limits)."""
    report = Path(report)
    theirs = _parts(report, str(report))
    ours = _parts(rebuild(report, workbook, password=password), _("the rebuild"))
    common = sorted(set(theirs) & set(ours))
    record = provenance.extract(report)
    return Rebuild(
        parts=len(common),
        differ=tuple(name for name in common if theirs[name] != ours[name]),
        only_in_report=tuple(sorted(set(theirs) - set(ours))),
        only_in_rebuild=tuple(sorted(set(ours) - set(theirs))),
        lang=provenance.report_language(report) or "",
        built_by=str(record.get("dpia_version", "")),
    )


def render_text(result: Rebuild, report: str, workbook: str) -> str:
    """``rebuilt: ...`` when every part is the same; else one line per kind of difference
    and what may explain it."""
    if result.identical:
        return "  " + _("rebuilt: all {parts} parts identical to a new build of {workbook}") \
            .format(parts=result.parts, workbook=workbook) + "\n"
    lines = [_("{report}: rebuild differs: {workbook} built with dpia {version} ({language}) "
               "does not give the same parts").format(
                   report=report, workbook=workbook, version=__version__,
                   language=result.lang or _("its language"))]
    for label, names in ((_("parts that differ"), result.differ),
                         (_("parts only in the report"), result.only_in_report),
                         (_("parts only in the rebuild"), result.only_in_rebuild)):
        if names:
            lines.append(f"{report}: {label}: {', '.join(names)}")
    if result.built_by and result.built_by != __version__:
        lines.append("  " + _("the report was built by dpia {version}; another version may "
                              "write other bytes").format(version=result.built_by))
    lines.append("  " + _("a report built with --template or --previous (which a report does "
                          "not record), or saved again by Word or LibreOffice, does not rebuild "
                          "the same"))
    return "\n".join(one_line(line) for line in lines) + "\n"
