"""`newsctl rules` and `newsctl explain`: the registry, for people and for tools."""

from __future__ import annotations

import json
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

    rules = rulebook.all_rules()
    if format == RulesFormat.json:
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category,
                "severity": r.severity.value,
                "enabled": r.default_enabled,
                "summary": r.summary,
                "options": [{"name": o.name, "default": o.default, "description": o.description} for o in r.options],
            }
            for r in rules
        ]
        write_output(json.dumps(rows, indent=2) + "\n", None)
        return
    if sys.stdout.isatty():
        from rich.table import Table

        from newsctl.cli.console import stdout_console

        table = Table(box=None, header_style="bold")
        for col in ("Code", "Name", "Category", "Severity", "Summary"):
            table.add_column(col)
        for r in rules:
            off = "" if r.default_enabled else " (off by default)"
            table.add_row(r.code, r.name, r.category, r.severity.value, r.summary + off)
        stdout_console().print(table)
        return
    width = max(len(r.name) for r in rules)
    lines = [
        f"{r.code}  {r.name:<{width}}  {r.category:<11}  {r.severity.value:<7}  {r.summary}"
        + ("" if r.default_enabled else " (off by default)")
        for r in rules
    ]
    write_output("\n".join(lines) + "\n", None)


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
    write_output(explain_text(r), None)


def explain_text(r: "registry.Rule") -> str:  # type: ignore[name-defined]  # noqa: F821
    from newsctl.registry import DOC_SECTIONS

    head = f"{r.code} {r.name} ({r.category}, {r.severity.value}{'' if r.default_enabled else ', off by default'})"
    out = [head, "", r.summary, ""]
    for section in DOC_SECTIONS:
        body = r.doc.get(section)
        if body:
            out.append(f"{section}:")
            out.extend(("    " + line) if line else "" for line in body.splitlines())
            out.append("")
    return "\n".join(out).rstrip() + "\n"
