"""`newsctl rules` and `newsctl explain`: the registry, for people and for tools."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from newsctl.cli.common import fail, write_output


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


def rules_command(
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.text,
) -> None:
    """List every rule: code, name, category, default severity, and whether it is on by default.

    Example: newsctl rules --format json
    """
    from newsctl import rulebook
    from newsctl.report import rules as report

    rules = rulebook.all_rules()
    if format == RulesFormat.json:
        write_output(report.rules_json(rules), None)
        return
    if sys.stdout.isatty():
        from rich.table import Table

        from newsctl.cli.console import stdout_console

        table = Table(box=None, header_style="bold")
        for col in ("Code", "Name", "Category", "Severity", "Summary"):
            table.add_column(col)
        for r in rules:
            table.add_row(r.code, r.name, r.category, r.severity.value, report.summary_with_status(r))
        stdout_console().print(table)
        return
    write_output(report.rules_text(rules), None)


def explain_command(
    code: Annotated[str, typer.Argument(help="A rule code (S003) or name (empty-section).", metavar="CODE")],
) -> None:
    """Explain one rule: what it checks, why it matters, an example, and its options.

    Example: newsctl explain H001
    """
    from newsctl import rulebook

    r = rulebook.get(code)
    if r is None:
        import difflib

        names = [x.code for x in rulebook.all_rules()] + [x.name for x in rulebook.all_rules()]
        guess = difflib.get_close_matches(code.upper() if code[:1].isalpha() and code[1:].isdigit() else code, names, n=1)
        hint = f" (did you mean {guess[0]}?)" if guess else ""
        raise fail(f"no rule {code!r}{hint}; run `newsctl rules` to list them")
    from newsctl.report.rules import explain_text

    write_output(explain_text(r), None)
