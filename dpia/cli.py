"""The command line: Click only. Each command opens its input, calls one library function and
turns domain errors (``dpia.errors``) into messages and exit codes here, nowhere else."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from dpia import __version__, i18n, languages, output
from dpia.authorities import KEYS as AUTHORITY_KEYS
from dpia.errors import ERROR, WARNING, DpiaError, Problem, WorkbookInvalid, has_errors
from dpia.i18n import _
from dpia.matrix import DEFAULT_PRESET, PRESETS, preset, preset_key

EXIT_INTERNAL = 70


class LanguageChoice(click.Choice):
    """The languages there are (``dpia.languages``), asked when the option is read, so a
    language added through DPIA_LANGUAGE_PATH is a choice too."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=False)

    @property
    def choices(self):  # type: ignore[override]
        return languages.codes()

    @choices.setter
    def choices(self, value) -> None:
        pass

# --- options shared by several commands (defined once) -----------------------------------

format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Output format.",
)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None):
    """A --lang given on the command line is also the language of dpia's messages."""
    if value is not None:  # each --lang that chooses has no default
        i18n.choose(value)
    return value


lang_option = click.option(
    "--lang", type=LanguageChoice(), default=None, callback=_choose_language,
    help="Language of the output (default: the workbook's Language field, else en).",
)
force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
password_file_option = click.option(
    "--password-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
    metavar="FILE", help="The password of an encrypted workbook, on the file's first line "
    "(else $DPIA_PASSWORD, else asked on a terminal; never on the command line).")
workbook_argument = click.argument(
    "workbook", type=click.Path(dir_okay=False, path_type=Path)
)


def _workbook_password(workbooks, password_file: Path | None) -> str | None:
    """The password for encrypted workbooks: from --password-file, else $DPIA_PASSWORD,
    else asked on a terminal when one of ``workbooks`` is encrypted; None otherwise (an
    encrypted workbook then fails with a line saying how to give it)."""
    from dpia.decryption import PASSWORD_VARIABLE, read_password_file
    from dpia.filetype import is_encrypted

    if password_file is not None:
        return read_password_file(password_file)
    if PASSWORD_VARIABLE in os.environ:
        return os.environ[PASSWORD_VARIABLE]
    if not _on_a_terminal():
        return None
    encrypted = [Path(path) for path in workbooks if is_encrypted(Path(path))]
    if not encrypted:
        return None
    label = encrypted[0] if len(encrypted) == 1 else _("{count} encrypted workbooks").format(
        count=len(encrypted))
    return click.prompt(_("Password for {label}").format(label=label), hide_input=True,
                        err=True)


def print_problems(problems: list[Problem] | tuple[Problem, ...]) -> None:
    """Every problem on standard error, one per line."""
    for problem in problems:
        click.echo(str(problem), err=True)


class DpiaGroup(click.Group):
    """Turns domain errors into exit 1 and unexpected ones into exit 70 (traceback: --debug)."""

    def invoke(self, ctx: click.Context):
        with i18n.choices_made_inside():  # --lang holds for this command line only
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbookInvalid as exc:
            print_problems(exc.problems)
            ctx.exit(exc.exit_code)
        except DpiaError as exc:
            click.echo(f"dpia: {i18n.severity_label(ERROR)}: {exc}", err=True)
            if exc.__cause__ is not None and ctx.obj and ctx.obj.get("debug"):
                # what a parser said about a damaged file: for a bug report, not for the DPO
                cause = exc.__cause__
                click.echo(f"dpia: debug: {type(cause).__name__}: {cause}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo(_("dpia: interrupted"), err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug: one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                _("dpia: internal error ({kind}): {error}. This is a bug in dpia {version}; "
                  "please report it with the command you ran (run again with --debug for the "
                  "traceback).").format(kind=type(exc).__name__, error=exc,
                                        version=__version__),
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=DpiaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dpia")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.option("--lang", "message_lang", type=LanguageChoice(), default=None,
              help="Language of dpia's messages (default: a command's --lang, else the "
                   "workbook's language, else the locale, else en).")
@click.pass_context
def cli(ctx: click.Context, debug: bool, message_lang: str | None) -> None:
    """Turn a DPO's Excel workbook into a complete, auditable Word DPIA (GDPR Art. 35)."""
    i18n.choose(message_lang)
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


# --- core commands: validate, score, matrix, screen --------------------------------------


def _strict(problems: list[Problem]) -> list[Problem]:
    """Under --strict every warning counts, and is shown, as an error."""
    return [replace(p, severity=ERROR) if p.severity == WARNING else p for p in problems]


def _workbooks_given(paths: tuple[Path, ...], verb: str) -> tuple[Path, ...]:
    """The workbooks among ``paths`` (a folder: its workbooks), after a note on standard
    error for each file skipped and why; none at all is an error."""
    from dpia.batch import find_workbooks

    workbooks, skipped = find_workbooks(paths)
    print_problems([item.as_problem() for item in skipped])
    if not workbooks:
        raise DpiaError(
            _("no workbooks (.xlsx, .xlsm, .ods) to {verb} in the files and folders given")
            .format(verb=verb))
    return tuple(workbooks)


def _problems_of(workbook: Path, *, alone: bool,
                 password: str | None = None) -> tuple[list[Problem], str | None]:
    """Every problem of one workbook to validate, and the workbook's language when known
    (for the summary line). A file that cannot be read at all stops ``validate`` when it is
    the only one; among several it is that file's one error."""
    from dpia.loading import read_checked

    try:
        assessment, problems = read_checked(workbook, name=str(workbook), password=password)
    except DpiaError as exc:
        if alone:
            raise
        message = str(exc).removeprefix(f"{workbook}: ")
        return [Problem(ERROR, message, file=str(workbook))], None
    if problems:
        return problems, problems[0].lang  # the language the reader spoke
    if assessment is not None and "language" in dict(assessment.info.origins):
        return problems, assessment.info.language
    return problems, None


@cli.command(short_help="Check workbooks; list every problem with its cell.")
@click.argument("workbooks", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path), metavar="WORKBOOK...")
@strict_option
@format_option
@password_file_option
def validate(workbooks: tuple[Path, ...], strict: bool, fmt: str,
             password_file: Path | None) -> None:
    """Read and check each WORKBOOK; print every problem with its cell and one summary line
    per workbook. Exit 1 if any has errors. JSON: one object, or a list of them for several
    workbooks. Excel's lock files (~$NAME.xlsx) and temporary files are skipped with a note."""
    workbooks = _workbooks_given(workbooks, "validate")
    password = _workbook_password(workbooks, password_file)
    documents = []
    failed = False
    for workbook in workbooks:
        problems, lang = _problems_of(workbook, alone=len(workbooks) == 1, password=password)
        if strict:
            problems = _strict(problems)
        failed = failed or has_errors(problems)
        if fmt == "json":
            documents.append(output.validation_dict(str(workbook), problems))
            continue
        print_problems(problems)
        errors = sum(p.severity == ERROR for p in problems)
        warnings = len(problems) - errors
        with i18n.workbook_language(lang):
            if errors:
                click.echo(_("{workbook}: {errors} error(s), {warnings} warning(s)").format(
                    workbook=workbook, errors=errors, warnings=warnings))
            else:
                click.echo(_("{workbook}: valid ({warnings} warning(s))").format(
                    workbook=workbook, warnings=warnings))
    if fmt == "json":
        click.echo(output.to_json(documents[0] if len(workbooks) == 1 else documents))
    if failed:
        sys.exit(1)


def _load_scored(workbook: Path, lang: str | None, password_file: Path | None = None):
    from dpia.loading import load_scored

    scored, warnings = load_scored(workbook, lang=lang, name=str(workbook),
                                   password=_workbook_password([workbook], password_file))
    print_problems(warnings)
    return scored


@cli.command(short_help="Score every risk, inherent and residual.")
@workbook_argument
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
    show_default=True, help="Output format.",
)
@lang_option
@password_file_option
def score(workbook: Path, fmt: str, lang: str | None, password_file: Path | None) -> None:
    """Print each risk of WORKBOOK with inherent and residual likelihood, impact, score and
    level."""
    scored = _load_scored(workbook, lang, password_file)
    if fmt == "json":
        click.echo(output.to_json(output.score_dict(scored)))
    elif fmt == "csv":
        click.echo(output.score_csv(scored), nl=False)
    else:
        click.echo(output.score_table(scored))


@cli.command(short_help="Print a risk matrix as a grid.")
@click.argument("source", required=False, default=DEFAULT_PRESET, metavar="[PRESET|WORKBOOK]")
@lang_option
@password_file_option
def matrix(source: str, lang: str | None, password_file: Path | None) -> None:
    """Print a preset's matrix (ico, cnil, 5x5, enisa) or a workbook's as a grid."""
    key = preset_key(source)
    if key is not None:
        click.echo(output.matrix_grid(preset(key, lang or "en"), lang or "en"))
        return
    path = Path(source)
    if not path.exists() and path.suffix.lower() not in {".xlsx", ".xlsm", ".ods"}:
        raise click.BadParameter(
            _("{source!r} is neither a preset ({presets}) nor a workbook file").format(
                source=source, presets=", ".join(PRESETS)),
            param_hint="PRESET|WORKBOOK",
        )
    scored = _load_scored(path, lang, password_file)
    click.echo(output.matrix_grid(scored.matrix, scored.assessment.info.language))


@cli.command(short_help="Is a DPIA required, and why.")
@workbook_argument
@format_option
@lang_option
@password_file_option
def screen(workbook: Path, fmt: str, lang: str | None, password_file: Path | None) -> None:
    """Print the screening outcome of WORKBOOK: is a DPIA required, and why."""
    scored = _load_scored(workbook, lang, password_file)
    if fmt == "json":
        click.echo(output.to_json(output.screening_dict(scored)))
    else:
        click.echo(output.screening_text(scored))


@cli.command(short_help="Write a workbook to fill in (or a worked example).")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.xlsx")
@click.option("--lang", type=LanguageChoice(), default=None, show_default=languages.FALLBACK,
              callback=_choose_language,
              help="Language of the sheet names, headers, level names and instructions.")
@click.option("--matrix", "matrix_name", type=click.Choice(PRESETS, case_sensitive=False),
              default=DEFAULT_PRESET, show_default=True,
              help="Risk matrix preset, written out in the Scales/Risk levels/Matrix sheets.")
@click.option("--example", is_flag=True, help="Fill the workbook with a worked example.")
@click.option("--authority", type=click.Choice(AUTHORITY_KEYS, case_sensitive=False),
              help="Supervisory authority whose list of processing that always needs a DPIA "
                   "(Art. 35(4)) is written into the Screening sheet, one row per item, and "
                   "named in the Authority field.")
@force_option
def init(file: Path, lang: str | None, matrix_name: str, example: bool, authority: str | None,
         force: bool) -> None:
    """Write a workbook to fill in: every sheet with its headers, instructions and drop-downs."""
    lang = lang or languages.FALLBACK  # not given: messages in the locale's language
    from dpia.workbook_template import write_template

    if file.suffix.lower() != ".xlsx":
        raise click.BadParameter(_("{file}: the workbook's name must end in .xlsx").format(
            file=file), param_hint="FILE.xlsx")
    authority = (authority or "").lower()
    write_template(file, lang=lang, matrix=matrix_name.lower(), example=example, force=force,
                   authority=authority)
    kind = _("worked example") if example else _("workbook")
    listed = _(", the {authority} list in Screening").format(authority=authority) \
        if authority else ""
    click.echo(_("{file}: {kind} written ({lang}, matrix {matrix}{listed})").format(
        file=file, kind=kind, lang=lang, matrix=matrix_name.lower(), listed=listed))
    click.echo(_("Next: fill it in, then run  dpia validate {file}  and  dpia build {file}")
               .format(file=file))


@cli.command(short_help="Write dpia's reference .docx, to start a house style from.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.docx")
@force_option
def template(file: Path, force: bool) -> None:
    """Write the reference document dpia styles its reports with: restyle it in Word or
    LibreOffice (fonts, colours, headings, header and footer) and give it to
    ``dpia build --template``."""
    from dpia.fsutil import write_atomic
    from dpia.report.document import default_reference

    if file.suffix.lower() not in (".docx", ".dotx"):
        raise click.BadParameter(
            _("{file}: the reference document's name must end in .docx").format(file=file),
            param_hint="FILE.docx")
    write_atomic(file, default_reference(), force=force)
    click.echo(_("{file}: reference document written").format(file=file))
    click.echo(_("Next: restyle it, then run  dpia build WORKBOOK --template {file}")
               .format(file=file))


def _trusted_keys(keys: tuple[Path, ...], allowed_signers: tuple[Path, ...]):
    """The keys --key and --allowed-signers name, or None when neither was given."""
    from dpia import signing

    if not keys and not allowed_signers:
        return None
    trusted = [key for path in keys for key in signing.load_public_key(path)]
    trusted += [key for path in allowed_signers for key in signing.load_allowed_signers(path)]
    return tuple(trusted)


@cli.command(short_help="For auditors: is a report intact, consistent, current?")
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path),
                metavar="REPORT.docx")
@click.argument("workbook", required=False, type=click.Path(dir_okay=False, path_type=Path),
                metavar="[WORKBOOK.xlsx]")
@click.option("--key", "keys", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              metavar="PUBKEY", help="An OpenSSH public key (.pub) the report must be signed "
              "with; repeat for several.")
@click.option("--allowed-signers", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="An allowed signers file (as for ssh-keygen -Y verify): the report must be "
              "signed by a key it lists; shows who signed.")
@click.option("--rebuild", "rebuild_too", is_flag=True,
              help="Also build WORKBOOK again and compare every part of the two .docx files "
              "byte for byte (unzipped).")
@password_file_option
def verify(report: Path, workbook: Path | None, keys: tuple[Path, ...],
           allowed_signers: tuple[Path, ...], rebuild_too: bool,
           password_file: Path | None) -> None:
    """Check that REPORT's embedded record is sound and that the document shows what the
    record says (rendered again and compared as a reader sees it: text, tables, headers,
    hidden or recoloured content) and, given WORKBOOK, that the workbook has the record's
    content. Exit 1 with one line per finding, or when anything could not be compared. A
    signed report's signature is checked; with --key or --allowed-signers it must be signed
    by that key."""
    from dpia import verify as verifying

    if rebuild_too and workbook is None:
        raise click.BadParameter(_("needs the WORKBOOK to build the report from"),
                                 param_hint="'--rebuild'")
    trusted = _trusted_keys(keys, allowed_signers)
    password = _workbook_password([workbook] if workbook else [], password_file)
    result = verifying.verify(report, workbook, trusted=trusted, password=password)
    print_problems(result.warnings)
    click.echo(verifying.render_text(result), nl=False)
    same = True
    if rebuild_too:
        from dpia import rebuild

        with i18n.workbook_language(result.language):  # the language of verify's lines
            compared = rebuild.compare(report, workbook, password=password)
            click.echo(rebuild.render_text(compared, str(report), str(workbook)), nl=False)
        same = compared.identical
    if not result.ok or not same:
        sys.exit(1)


@cli.command("diff", short_help="What changed between two versions.")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@format_option
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when anything changed (as git diff --exit-code).")
@password_file_option
def diff_command(old: Path, new: Path, fmt: str, exit_code: bool,
                 password_file: Path | None) -> None:
    """Show what changed from OLD to NEW (each a workbook or a dpia report): processing
    operations, risks and measures added, removed and changed, matrix and assessment fields."""
    from dpia import diff

    old_scored, new_scored, warnings = diff.load_pair(
        old, new, password=_workbook_password([old, new], password_file))
    print_problems(warnings)
    changes = diff.compare(old_scored, new_scored)
    if fmt == "json":
        click.echo(diff.render_json(changes, str(old), str(new)), nl=False)
    else:  # in the language of the newer version
        click.echo(diff.render_text(changes, str(old), str(new),
                                    new_scored.assessment.info.language), nl=False)
    if exit_code and changes.changed:
        sys.exit(1)


@cli.command(short_help="Write the Word DPIA of each workbook.")
@click.argument("workbooks", nargs=-1, required=True,
                type=click.Path(path_type=Path), metavar="WORKBOOK...")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Report file for one workbook, folder for several "
                   "(default: the workbook's name with .docx, next to it).")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="REF.docx", help="Reference .docx whose styles the report uses.")
@lang_option
@click.option("--pdf", is_flag=True,
              help="Also write a tagged PDF with page-numbered contents (needs LibreOffice).")
@click.option("--soffice", envvar="DPIA_SOFFICE", type=click.Path(dir_okay=False), default=None,
              metavar="PATH", help="LibreOffice's soffice for --pdf, if not on PATH or in its "
                                   "usual place (also $DPIA_SOFFICE).")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE", help="An earlier version (workbook or report): list what changed.")
@force_option
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Build this many workbooks at once, in parallel processes (0: one per CPU).")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar and no 'written' lines (problems are still shown).")
@strict_option
@click.option("--sign", "sign_key", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar="KEY",
              help="Sign each report with this OpenSSH private key (Ed25519, ECDSA or RSA); "
              "check with dpia verify --key or ssh-keygen -Y verify.")
@click.option("--passphrase-file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar="FILE",
              help="The passphrase of the --sign key, on the file's first line (else "
              "$DPIA_SIGN_PASSPHRASE, else asked on a terminal).")
@password_file_option
@click.option("--final", is_flag=True,
              help="Refuse (exit 1, naming the cells) unless the workbook is ready to be the "
              "final version: sign-off items signed, a review date, no warning that changes a "
              "conclusion.")
def build(workbooks: tuple[Path, ...], output: Path | None, template: Path | None,
          lang: str | None, pdf: bool, soffice: str | None, previous: Path | None,
          force: bool, jobs: int, quiet: bool, strict: bool, sign_key: Path | None,
          passphrase_file: Path | None, password_file: Path | None, final: bool) -> None:
    """Write the Word DPIA of each WORKBOOK (a folder stands for its .xlsx/.xlsm/.ods files);
    never overwrite without --force. Files that are not workbooks (in a folder, and Excel's
    lock files ~$NAME.xlsx anywhere) are skipped with a note saying why. A bad workbook does
    not stop the others: each failure is listed at the end with its first error, and the
    exit status is 1. With --strict a workbook with any warning gets no report, as one with
    an error."""
    from dpia.build import build_one

    if passphrase_file is not None and sign_key is None:
        raise click.BadParameter(_("is the passphrase of the --sign key; give --sign KEY too"),
                                 param_hint="'--passphrase-file'")
    options = {"force": force, "lang": lang, "template": template, "pdf": pdf,
               "soffice": soffice, "previous": previous, "strict": strict, "final": final,
               "on_warnings": print_problems,
               "sign": _signing_key(sign_key, passphrase_file) if sign_key else None}
    folders = any(path.is_dir() for path in workbooks)
    # decided on the workbooks left, so that Excel's lock file picked up by a glob does not
    # change what -o means
    workbooks = _workbooks_given(workbooks, "build")
    options["password"] = _workbook_password(workbooks, password_file)
    if len(workbooks) > 1 or folders:
        if previous is not None:
            # one earlier version cannot be the previous version of several assessments
            raise click.BadParameter(
                _("it is the earlier version of one workbook; build that workbook on its own "
                  "to list its changes"), param_hint="'--previous'")
        _build_batch(workbooks, output, jobs=jobs, quiet=quiet, **options)
        return
    target = output
    if output is not None and output.is_dir():
        target = output / (workbooks[0].stem + ".docx")
    written = build_one(workbooks[0], target, name=str(workbooks[0]), **options)
    if not quiet:
        from dpia.provenance import report_language

        with i18n.workbook_language(report_language(written)):  # as validate's line
            click.echo(_("{file}: written").format(file=written))


def _signing_key(path: Path, passphrase_file: Path | None):
    """The --sign key, opened before any work: with the passphrase from --passphrase-file or
    $DPIA_SIGN_PASSPHRASE, else asked for on a terminal when the key needs one (never
    taken from the command line, where other users and the shell history would see it)."""
    from dpia import signing
    from dpia.errors import PassphraseNeeded

    passphrase = None
    if passphrase_file is not None:
        passphrase = signing.read_passphrase_file(passphrase_file)
    elif signing.PASSPHRASE_VARIABLE in os.environ:
        passphrase = os.environ[signing.PASSPHRASE_VARIABLE].encode("utf-8")
    try:
        return signing.load_signing_key(path, passphrase)
    except PassphraseNeeded:
        if passphrase is not None or not _on_a_terminal():
            raise
    typed = click.prompt(_("Passphrase for {path}").format(path=path), hide_input=True,
                         err=True)
    return signing.load_signing_key(path, typed.encode("utf-8"))


def _on_a_terminal() -> bool:
    """Whether someone can be asked: standard input is a terminal (not a pipe, not CI)."""
    return sys.stdin.isatty()


def _build_batch(workbooks: tuple[Path, ...], output: Path | None, *, jobs: int, quiet: bool,
                 on_warnings, **options) -> None:
    """``dpia build`` of several workbooks (folders already expanded): in parallel, a
    progress bar on a terminal, and a list of the failures (each with its first error) at
    the end; exit 1 if any failed."""
    from dpia import batch

    jobs = jobs or batch.default_jobs()

    def report(result: batch.BuildResult) -> None:
        print_problems(result.problems)
        if result.ok and not quiet:
            click.echo(_("{file}: written").format(file=result.output))

    show_bar = not quiet and sys.stderr.isatty()
    held: list[batch.BuildResult] = []  # while the bar is drawn, lines would break it
    with click.progressbar(length=len(workbooks), label=_("Building"), file=sys.stderr,
                           hidden=not show_bar) as bar:
        results = batch.build_many(
            workbooks, output, jobs=jobs, **options,
            on_result=held.append if show_bar else report,
            on_progress=lambda: bar.update(1),
        )
    for result in held:
        report(result)
    failures = [result for result in results if not result.ok]
    if failures:
        click.echo(_("dpia: {failed} of {count} workbooks failed:").format(
            failed=len(failures), count=len(results)), err=True)
        for result in failures:
            click.echo(f"  {result.error}", err=True)
        bugs = [result for result in failures if result.internal]
        if bugs:
            # as for a single build: a bug is not the workbook's fault, and exits 70
            ctx = click.get_current_context()
            if ctx.obj and ctx.obj.get("debug"):
                for result in bugs:
                    click.echo(result.traceback, err=True, nl=False)
            click.echo(_internal_errors(len(bugs)), err=True)
            sys.exit(EXIT_INTERNAL)
        sys.exit(1)


def _internal_errors(count: int) -> str:
    return _("dpia: {count} internal error(s). This is a bug in dpia {version}; please report "
             "it with the command you ran (run again with --debug for the traceback).").format(
        count=count, version=__version__)


# --- the portfolio: register and due ---------------------------------------------------------

REGISTER_SUFFIXES = (".xlsx", ".docx", ".csv", ".json", ".txt")
paths_argument = click.argument("paths", nargs=-1, required=True,
                                type=click.Path(path_type=Path), metavar="PATH...")
as_of_option = click.option(
    "--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
    help="The day to judge what is overdue against (default: today).")
portfolio_jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
    help="Read this many files at once, in parallel processes (0: one per CPU).")
portfolio_quiet_option = click.option("-q", "--quiet", is_flag=True,
                                      help="No progress bar.")


def _as_of(value):
    """The --as-of day, or today."""
    import datetime as dt

    return value.date() if value is not None else dt.date.today()


def _collect(paths: tuple[Path, ...], *, jobs: int, quiet: bool, exclude: tuple[Path, ...] = ()):
    """The portfolio under ``paths``, with a progress bar on a terminal and a note on
    standard error for each file skipped."""
    from dpia import batch, portfolio

    show_bar = not quiet and sys.stderr.isatty()
    bar = None

    def on_files(count: int) -> None:
        nonlocal bar
        bar = click.progressbar(length=count, label=_("Reading"), file=sys.stderr,
                                hidden=not show_bar)
        bar.__enter__()

    try:
        found = portfolio.collect(paths, jobs=jobs or batch.default_jobs(), exclude=exclude,
                                  on_files=on_files, on_progress=lambda: bar.update(1))
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    # a folder of DPIAs holds other Word documents too: counted, not named one by one
    others = [item for item in found.skipped if item.reason == portfolio.NOT_A_REPORT]
    print_problems([item.as_problem() for item in found.skipped if item not in others])
    if others:
        click.echo(_("dpia: note: {count} Word document(s) without a dpia record skipped")
                   .format(count=len(others)), err=True)
    return found


def _unreadable(found, *, listed: bool) -> None:
    """Say which files could not be read (unless the output ``listed`` them already); a bug
    in dpia exits 70 as in build."""
    if found.failed and not listed:
        click.echo(_("dpia: {count} file(s) could not be read:").format(
            count=len(found.failed)), err=True)
        for entry in found.failed:
            click.echo(f"  {entry.label}: {entry.error}", err=True)
    bugs = [entry for entry in found.failed if entry.internal]
    if bugs:
        ctx = click.get_current_context()
        if ctx.obj and ctx.obj.get("debug"):
            for entry in bugs:
                click.echo(entry.traceback, err=True, nl=False)
        click.echo(_internal_errors(len(bugs)), err=True)
        sys.exit(EXIT_INTERNAL)


@cli.command(short_help="One register of every DPIA in folders: reviews, risks, actions.")
@paths_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE", help="Write the register here: .xlsx (sheets Register, Actions, "
              "Heat map), .docx (a board summary), .csv, .json or .txt.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default=None,
              help="Format on standard output, without -o.  [default: text]")
@as_of_option
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="REF.docx", help="Reference .docx whose styles the board summary uses.")
@force_option
@portfolio_jobs_option
@portfolio_quiet_option
def register(paths: tuple[Path, ...], output: Path | None, fmt: str | None, as_of,
             template: Path | None, force: bool, jobs: int, quiet: bool) -> None:
    """List every DPIA under each PATH (a workbook, a dpia report, or a folder, searched with
    its subfolders): title, owner, status, review date, risks per level, prior consultation,
    Art. 35(7) gaps, open actions and, for a report, whether it is intact and current. A
    report with its workbook beside it is checked against it and shown on the workbook's
    row. A file that cannot be read is a row with its error; lock files are skipped."""
    from dpia import portfolio_output

    as_of = _as_of(as_of)
    kind = None
    if output is not None:
        if fmt is not None:
            raise click.BadParameter(_("give either -o FILE or --format (for standard output)"),
                                     param_hint="'--format'")
        kind = output.suffix.lower()
        if kind not in REGISTER_SUFFIXES:
            raise click.BadParameter(
                _("{output}: the name must end in {suffixes}").format(
                    output=output, suffixes=", ".join(REGISTER_SUFFIXES)),
                param_hint="'-o'")
        from dpia.fsutil import check_target

        check_target(output, force=force)  # before reading hundreds of files
    if template is not None:
        if kind != ".docx":
            raise click.BadParameter(_("styles the board summary; give -o FILE.docx"),
                                     param_hint="'--template'")
        from dpia.filetype import check_template

        check_template(template)
    found = _collect(paths, jobs=jobs, quiet=quiet,
                     exclude=(output,) if output is not None else ())
    if kind == ".xlsx":
        from dpia.register_xlsx import write_register

        write_register(output, found, as_of, force=force)
    elif kind == ".docx":
        from dpia.portfolio_docx import write_summary

        notes: list[str] = []
        write_summary(output, found, as_of, template=template, force=force, notes=notes)
        print_problems([Problem("note", note, str(template)) for note in notes])
    elif kind is not None:
        from dpia.fsutil import write_atomic

        text = {".csv": portfolio_output.register_csv, ".txt": portfolio_output.register_text,
                ".json": lambda f, d: output_json(portfolio_output.portfolio_dict(f, d))}[kind](
                    found, as_of)
        write_atomic(output, text.encode("utf-8"), force=force)
    elif fmt == "json":
        click.echo(output_json(portfolio_output.portfolio_dict(found, as_of)), nl=False)
    elif fmt == "csv":
        click.echo(portfolio_output.register_csv(found, as_of), nl=False)
    else:
        click.echo(portfolio_output.register_text(found, as_of), nl=False)
    if output is not None:
        click.echo(_("{file}: written ({summary})").format(
            file=output, summary=portfolio_output.summary_line(found, as_of)))
    _unreadable(found, listed=output is None and fmt in (None, "text"))


def output_json(document) -> str:
    return output.to_json(document) + "\n"


@cli.command(short_help="Reviews and actions due or overdue; exit 1 when any is overdue.")
@paths_argument
@click.option("--within", default="30d", show_default=True, metavar="DAYS",
              help="Also list what falls due within this many days (30d, 2w).")
@as_of_option
@click.option("--ics", "ics_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar="FILE.ics",
              help="Also write them as an iCalendar file, to import into a calendar: "
              "importing a newer file again updates the events.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@force_option
@portfolio_jobs_option
@portfolio_quiet_option
def due(paths: tuple[Path, ...], within: str, as_of, ics_file: Path | None, fmt: str,
        force: bool, jobs: int, quiet: bool) -> None:
    """List the reviews (Review date) and actions (measures planned or in progress, by Due
    date) of the DPIAs under each PATH that are overdue or due within --within days, by
    date. Exit 1 when anything is overdue, for reminders from cron or CI."""
    from dpia import portfolio, portfolio_output

    try:
        days = portfolio.parse_within(within)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--within'") from None
    as_of = _as_of(as_of)
    if ics_file is not None:
        from dpia.fsutil import check_target

        if ics_file.suffix.lower() != ".ics":
            raise click.BadParameter(_("{output}: the name must end in {suffixes}").format(
                output=ics_file, suffixes=".ics"), param_hint="'--ics'")
        check_target(ics_file, force=force)
    found = _collect(paths, jobs=jobs, quiet=quiet)
    items = portfolio.deadlines(found, as_of, days)
    if ics_file is not None:
        from dpia.ics import write_ics

        write_ics(ics_file, items, as_of, force=force)
    if fmt == "json":
        click.echo(output_json({"as_of": as_of.isoformat(), "within_days": days,
                                "items": [portfolio_output.deadline_dict(i) for i in items]}),
                   nl=False)
    else:
        click.echo(portfolio_output.deadlines_text(items, as_of, days), nl=False)
    if ics_file is not None:
        click.echo(_("{file}: written ({count} event(s))").format(file=ics_file,
                                                                 count=len(items)),
                   err=fmt == "json")
    _unreadable(found, listed=False)
    if any(item.overdue for item in items):
        sys.exit(1)

# --- the CNIL PIA software: import and export ---------------------------------------------


@cli.command("import", short_help="Turn a CNIL PIA software export into a workbook.")
@click.argument("export", type=click.Path(dir_okay=False, path_type=Path), metavar="PIA.json")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE.xlsx", help="The workbook to write (default: the export's name "
              "with .xlsx, next to it).")
@click.option("--lang", type=LanguageChoice(), default=languages.FALLBACK, show_default=True,
              help="Language of the workbook (sheet names, headers, level names).")
@click.option("--organisation", default=None, metavar="NAME",
              help="The controller's name: the CNIL export has none.")
@force_option
def import_command(export: Path, output: Path | None, lang: str, organisation: str | None,
                   force: bool) -> None:
    """Write the workbook of PIA.json, a PIA exported from the CNIL PIA software (Export in
    the PIA's menu): answers, measures, risks on the CNIL 4x4 matrix, the evaluations as the
    action plan and residual ratings. An extra sheet says where each value came from; what
    has no place in the workbook is kept there and listed as a warning. Nothing is written
    when the export has errors."""
    from dpia.cnil import import_file

    target = output or export.with_suffix(".xlsx")
    warnings, remaining = import_file(export, target, name=str(export), lang=lang,
                                      organisation=organisation, force=force)
    print_problems(warnings)
    print_problems(remaining)
    click.echo(_("{target}: workbook written from {export}").format(target=target,
                                                                   export=export))
    errors = sum(p.severity == ERROR for p in remaining)
    if errors:
        click.echo(_("Next: fix the {errors} error(s) above in {target}, then run  dpia build "
                     "{target}").format(errors=errors, target=target))
    else:
        click.echo(_("Next: review it (see the warnings), then run  dpia build {target}")
                   .format(target=target))


@cli.command("export", short_help="Write an assessment for another tool (the CNIL PIA software).")
@workbook_argument
@click.option("--to", "to", type=click.Choice(["cnil-pia"]), required=True,
              help="The format: cnil-pia, a PIA the CNIL PIA software imports.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              required=True, metavar="FILE.json", help="The file to write.")
@lang_option
@force_option
def export_command(workbook: Path, to: str, output: Path, lang: str | None,
                   force: bool) -> None:
    """Write the assessment of WORKBOOK (a workbook, a dpia report or a CNIL export) as a PIA
    for the CNIL PIA software to import. Its three fixed risks take dpia's risks grouped by
    their words (access, modification, disappearance), each rated as the most severe of its
    group; see docs/cnil.md for what is kept and what is lost."""
    from dpia.cnil import export_json
    from dpia.loading import load_scored

    scored, warnings = load_scored(workbook, lang=lang, name=str(workbook), reports=True)
    print_problems(warnings)
    export_json(scored, output, force=force, inputs=(workbook,))
    click.echo(_("{output}: CNIL PIA export written ({count} risk(s) onto the CNIL's three)")
               .format(output=output, count=len(scored.risks)))



def main() -> None:
    """Console entry point."""
    cli(prog_name="dpia")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
