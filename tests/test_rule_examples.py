"""Rule documentation is executable: every rule's Example fires it, its Use instead does not.

`newsctl explain` and docs/rules.md teach from these snippets, so a snippet that does not do
what it says teaches something false. Each snippet becomes a file:

- a snippet that starts with `---` is a whole article;
- a snippet of `key: value` lines is front matter (the body is one plain paragraph);
- anything else is the body of an article with a title.

Notation a reader understands and this test honours: `[space]`, `[tab]` and `<U+000B>` stand
for the characters; a line ending in `   # ...` carries a note, not text, and the notes
`--now is DATE` and `with OPTION = VALUE` set the clock and a threshold. A Use instead written as
advice (a sentence that is not Markdown for the case) is linted too; it must not fire either.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from newsctl import engine, registry, rulebook
from newsctl.settings import apply_overrides, from_mapping

# The clock examples are read against unless a note says otherwise (pinned: tests never read today).
NOW = datetime(2024, 3, 6, 12, 0, tzinfo=timezone.utc)
_NOTE = re.compile(r"\s{2,}#\s(?P<note>.*)$")
_FRONT_MATTER_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*:(?:\s|$)|\s+\S|- )")
# How a rule's snippet reaches the linter when Markdown alone cannot carry it.
_FILE = {
    "M001": ("example.md", "cp1252"),  # the Example describes the bytes; see test below
    "M011": ("example.txt", "utf-8"),
}
_WHOLE_FILE = {"M002"}  # an Example about what the file lacks at its top is the whole file


def _decode(snippet: str) -> tuple[str, dict[str, object]]:
    """The snippet as file text, and the settings its notes ask for."""
    notes: dict[str, object] = {}
    lines = []
    for line in snippet.splitlines():
        m = _NOTE.search(line)
        if m:
            note = m.group("note").strip()
            if now := re.fullmatch(r"(?:and )?--now is (\d{4}-\d\d-\d\d)", note):
                notes["now"] = datetime.fromisoformat(now.group(1)).replace(hour=12, tzinfo=timezone.utc)
            elif opt := re.fullmatch(r"with ([a-z-]+) = (\S+)", note):
                notes.setdefault("options", {})[opt.group(1)] = float(opt.group(2)) if "." in opt.group(2) else int(opt.group(2))  # type: ignore[union-attr]
            else:
                raise AssertionError(f"unknown note {note!r}")
            line = line[: m.start()]
        lines.append(line)
    text = "\n".join(lines).replace("[space]", " ").replace("[tab]", "\t")
    text = re.sub(r"<U\+([0-9A-F]{4,6})>", lambda m: chr(int(m.group(1), 16)), text)
    return text, notes


def _article(rule: registry.Rule, text: str) -> str:
    if rule.code in _FILE and _FILE[rule.code][0].endswith(".txt"):
        return text + "\n"
    if text.startswith("---") or rule.code in _WHOLE_FILE:
        return text + "\n"
    if all(_FRONT_MATTER_LINE.match(line) for line in text.splitlines() if line.strip()):
        return f"---\n{text}\n---\n\nThe council met on Tuesday.\n"
    return f"---\ntitle: Council approves budget\n---\n\n{text}\n"


def _lint(rule: registry.Rule, snippet: str, tmp_path) -> list[str]:
    text, notes = _decode(snippet)
    name, encoding = _FILE.get(rule.code, ("example.md", "utf-8"))
    path = tmp_path / name
    (tmp_path / "council-budget-vote.md").write_text("---\ntitle: Vote\n---\n\nThe vote.\n")  # S011's link target
    path.write_bytes(_article(rule, text).encode(encoding))
    settings = apply_overrides(
        from_mapping({"select": [rule.code]}, tmp_path), {"now": notes.get("now", NOW), "options": notes.get("options")}
    )
    return [f.code for f in engine.lint_file(path, str(path), settings).findings]


RULES = [r for r in rulebook.all_rules() if r.code != "M001"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_example_fires_the_rule(rule, tmp_path):
    assert rule.code in _lint(rule, rule.doc["Example"], tmp_path), f"{rule.code}'s Example does not trigger it"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_use_instead_does_not_fire_the_rule(rule, tmp_path):
    assert rule.code not in _lint(rule, rule.doc["Use instead"], tmp_path), f"{rule.code}'s Use instead triggers it"


def test_unreadable_file_example(tmp_path):
    """M001's Example is bytes, not text: a Windows-1252 curly quote (0x93) fires it; UTF-8 does not."""
    m001 = rulebook.get("M001")
    assert "0x93" in m001.doc["Example"] and "UTF-8" in m001.doc["Use instead"]
    settings = apply_overrides(from_mapping({"select": ["M001"]}, tmp_path), {"now": NOW})
    bad, good = tmp_path / "bad.md", tmp_path / "good.md"
    bad.write_bytes(b"---\ntitle: Budget\n---\n\n\x93Yes,\x94 she said.\n")
    good.write_bytes("---\ntitle: Budget\n---\n\n\u201cYes,\u201d she said.\n".encode())
    assert [f.code for f in engine.lint_file(bad, "bad.md", settings).findings] == ["M001"]
    assert [f.code for f in engine.lint_file(good, "good.md", settings).findings] == []
