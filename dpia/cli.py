"""The command line: Click only. Each command opens its input, calls one library function and
turns domain errors (``dpia.errors``) into messages and exit codes here, nowhere else."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dpia import __version__
from dpia.errors import DpiaError, Problem, WorkbookInvalid

EXIT_INTERNAL = 70

# --- options shared by several commands (defined once) -----------------------------------

format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Output format.",
)
lang_option = click.option(
    "--lang", type=click.Choice(["en", "nl"]), default=None,
    help="Language of the output (default: the workbook's Language field, else en).",
)
force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
workbook_argument = click.argument(
    "workbook", type=click.Path(dir_okay=False, path_type=Path)
)


def print_problems(problems: list[Problem] | tuple[Problem, ...]) -> None:
    """Every problem on standard error, one per line."""
    for problem in problems:
        click.echo(str(problem), err=True)


class DpiaGroup(click.Group):
    """Turns domain errors into exit 1 and unexpected ones into exit 70 (traceback: --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbookInvalid as exc:
            print_problems(exc.problems)
            ctx.exit(exc.exit_code)
        except DpiaError as exc:
            click.echo(f"dpia: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("dpia: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug: one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"dpia: internal error ({type(exc).__name__}): {exc}. This is a bug in dpia "
                f"{__version__}; please report it with the command you ran "
                "(run again with --debug for the traceback).",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=DpiaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dpia")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn a DPO's Excel workbook into a complete, auditable Word DPIA (GDPR Art. 35)."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    """Console entry point."""
    cli(prog_name="dpia")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
