"""Domain errors and problems. The CLI turns these into messages and exit codes; nothing
else prints or exits."""

from __future__ import annotations

from dataclasses import dataclass, field

from dpia import i18n
from dpia.sanitise import terminal_line

ERROR, WARNING = "error", "warning"
NOTE = "note"  # about the output, not the workbook: never an error, even with --strict
# ``text`` safe as (part of) one line on a terminal (see dpia.sanitise)
one_line = terminal_line


@dataclass(frozen=True)
class Problem:
    """One finding in a workbook, with where it is."""

    severity: str  # ERROR | WARNING
    message: str
    file: str = ""  # file name as given on the command line
    sheet: str = ""  # sheet name as it stands in the workbook; "" for the file itself
    cell: str = ""  # "C5", or a row number "1" for a header row; "" when none applies
    # the language the message was made in (see dpia.i18n): its "error:" is in it too
    lang: str = field(default_factory=i18n.current, compare=False, repr=False)

    @property
    def location(self) -> str:
        where = self.file
        if self.sheet:
            where += f":{self.sheet}"
            if self.cell:
                where += f"!{self.cell}"
        return where

    def __str__(self) -> str:
        # one problem, one line: a cell's line breaks quoted in the message become spaces,
        # and no control character from a workbook reaches the terminal (escape sequences)
        severity = i18n.severity_label(self.severity, self.lang)
        return one_line(f"{self.location}: {severity}: {self.message}")

    def as_dict(self) -> dict:
        return {
            "file": self.file, "sheet": self.sheet or None, "cell": self.cell or None,
            "severity": self.severity, "message": self.message,
        }


def has_errors(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    return any(p.severity == ERROR for p in problems)


class DpiaError(Exception):
    """A problem with the user's input or environment: message for the user, exit status 1."""

    exit_code = 1


class FileFormatError(DpiaError):
    """The input is not a workbook we can read (wrong format, encrypted, corrupt, too big)."""


class WorkbookInvalid(DpiaError):
    """The workbook has errors; ``problems`` holds all of them (and the warnings)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        errors = sum(p.severity == ERROR for p in self.problems)
        super().__init__(f"{errors} error(s) in the workbook")


class OutputError(DpiaError):
    """The report cannot be written where asked (exists, read-only, same as input, disk full)."""


class TemplateError(DpiaError):
    """The reference .docx given with --template is unusable (not a docx, missing a style)."""


class NotAReport(DpiaError):
    """A .docx without dpia provenance was given to verify or diff."""


class DamagedProvenance(DpiaError):
    """The report has a dpia provenance part, but it cannot be read back."""


class ToolMissing(DpiaError):
    """An external program that an option needs is not installed (LibreOffice for --pdf)."""


class SigningKeyError(DpiaError):
    """A key given to sign or to check a signature cannot be used (missing, not a key of a
    supported kind, a private key where a public one belongs, a wrong passphrase)."""


class PassphraseNeeded(SigningKeyError):
    """The signing key is protected by a passphrase and none was given."""


class PasswordNeeded(FileFormatError):
    """The workbook is encrypted (a password to open) and no password was given."""
