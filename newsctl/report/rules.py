"""The rule list (`newsctl rules`) and one rule's explanation (`newsctl explain`) as text and JSON.

Pure functions over the registry's `Rule` records; the CLI prints what they return (and draws
the rich table on a terminal).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Sequence

from newsctl.registry import DOC_SECTIONS

if TYPE_CHECKING:
    from newsctl.registry import Rule


def rule_dict(r: Rule) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "category": r.category,
        "severity": r.severity.value,
        "enabled": r.default_enabled,
        "summary": r.summary,
        "options": [{"name": o.name, "default": o.default, "description": o.description} for o in r.options],
    }


def rules_json(rules: Sequence[Rule]) -> str:
    return json.dumps([rule_dict(r) for r in rules], indent=2) + "\n"


def summary_with_status(r: Rule) -> str:
    return r.summary + ("" if r.default_enabled else " (off by default)")


def rules_text(rules: Sequence[Rule]) -> str:
    """One aligned line per rule: code, name, category, severity, summary."""
    width = max(len(r.name) for r in rules)
    lines = [f"{r.code}  {r.name:<{width}}  {r.category:<11}  {r.severity.value:<7}  {summary_with_status(r)}" for r in rules]
    return "\n".join(lines) + "\n"


def explain_text(r: Rule) -> str:
    """What the rule checks, why it matters, its example and options, indented under headings."""
    head = f"{r.code} {r.name} ({r.category}, {r.severity.value}{'' if r.default_enabled else ', off by default'})"
    out = [head, "", r.summary, ""]
    for section in DOC_SECTIONS:
        body = r.doc.get(section)
        if body:
            out.append(f"{section}:")
            out.extend(("    " + line) if line else "" for line in body.splitlines())
            out.append("")
    return "\n".join(out).rstrip() + "\n"
