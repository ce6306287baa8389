"""The command-line reference (docs/cli.md), generated from each command's ``--help``.

Run ``python tools/clidocs.py > docs/cli.md`` after changing a command; ``tests/test_docs.py``
fails when the file and the code disagree, so the reference cannot drift from the CLI.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

# A fixed width: the help text must not depend on the terminal the generator runs in.
WIDTH = 80
PROG_NAME = "dpia"
GENERATE_COMMAND = "python tools/clidocs.py > docs/cli.md"


def walk(
    command: click.Command, name: str = PROG_NAME, parent: click.Context | None = None
) -> Iterator[tuple[str, click.Context]]:
    """Every command under ``command`` (itself first), as (full name, context), by name."""
    settings = dict(command.context_settings)
    if parent is None:
        settings.update(terminal_width=WIDTH, max_content_width=WIDTH)
    ctx = click.Context(command, info_name=name, parent=parent, **settings)
    yield ctx.command_path, ctx
    if isinstance(command, click.Group):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from walk(sub, sub_name, ctx)


def command_names(command: click.Command | None = None) -> list[str]:
    """Full names (``dpia``, ``dpia build`` ...) of the group and every command in it."""
    return [path for path, _ctx in walk(command or _cli())]


def render(command: click.Command | None = None) -> str:
    """docs/cli.md: the ``--help`` of the group and of every command, as Markdown."""
    command = command or _cli()
    parts = [
        "# Command-line reference\n",
        f"Generated from `--help` by `{GENERATE_COMMAND}`; do not edit by hand. "
        "The [user guide](guide.md) explains the commands with examples.\n",
    ]
    entries = list(walk(command))
    for path, _ctx in entries:
        parts.append(f"- [`{path}`](#{_anchor(path)})")
    parts.append("")
    for path, ctx in entries:
        help_text = ctx.command.get_help(ctx).rstrip()
        parts.append(f"## {path}\n\n```text\n{help_text}\n```\n")
    return "\n".join(parts)


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading made of lower-case words (``dpia build`` -> ...)."""
    return "-".join(heading.lower().split())


def _cli() -> click.Group:
    from dpia.cli import cli

    return cli


def main() -> None:
    """Print docs/cli.md on standard output."""
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
