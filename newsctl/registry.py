"""The rule registry: the one place a rule's code, name, category and documentation live.

`newsctl rules`, `newsctl explain`, the SARIF rule table and docs/rules.md all read it.
The registry imports no rule: rule modules import it to register themselves, and whatever
needs every rule asks `newsctl.rulebook`, which loads the rule package (a plugin host).
The queries here answer for the rules registered so far.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl.findings import CATEGORIES, Hit, Severity

if TYPE_CHECKING:
    from newsctl.article import Article
    from newsctl.settings import Settings

RuleFunc = Callable[["Article", "Settings"], Iterable[Hit]]
DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "Use instead", "Options")
_CODE = re.compile(r"^[MSDRH]\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_PREFIX = {"M": "metadata", "S": "structure", "D": "dates", "R": "readability", "H": "hygiene"}


@dataclass(frozen=True)
class Option:
    """A setting a rule reads (a threshold, a switch), declared next to the rule."""

    name: str
    default: Any
    description: str
    minimum: float | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    func: RuleFunc = field(repr=False)
    summary: str
    doc: Mapping[str, str]  # a RuleDoc for registered rules: parsed when first read
    options: tuple[Option, ...] = ()
    default_enabled: bool = True

    def check(self, article: Article, settings: Settings) -> Iterable[Hit]:
        return self.func(article, settings)


RULES: dict[str, Rule] = {}
OPTIONS: dict[str, Option] = {}


def rule(
    code: str,
    name: str,
    severity: str,
    summary: str,
    *,
    options: Iterable[Option] = (),
    enabled: bool = True,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under a stable code; the docstring is its documentation."""

    def register(func: RuleFunc) -> RuleFunc:
        if not _CODE.match(code):
            raise ValueError(f"bad rule code {code!r}")
        if not _NAME.match(name):
            raise ValueError(f"bad rule name {name!r}")
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        if any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule name {name} registered twice")
        opts = tuple(options)
        for opt in opts:
            known = OPTIONS.get(opt.name)
            if known is not None and known.default != opt.default:
                raise ValueError(f"option {opt.name} declared twice with different defaults")
            OPTIONS[opt.name] = opt
        RULES[code] = Rule(
            code=code,
            name=name,
            category=_PREFIX[code[0]],
            severity=Severity(severity),
            func=func,
            summary=summary,
            doc=RuleDoc(func.__doc__ or ""),
            options=opts,
            default_enabled=enabled,
        )
        return func

    return register


def option(name: str, default: Any, description: str, minimum: float | None = None) -> Option:
    """Declare a setting; several rules may share one option by declaring it alike."""
    return Option(name, default, description, minimum)


class RuleDoc(Mapping[str, str]):
    """A rule's documentation sections, parsed from its docstring when first read.

    `newsctl rules`, `explain`, SARIF, the language server and the docs read them; a lint does
    not, and parsing every rule's docstring at registration was ~4 ms of each one-file lint.
    """

    __slots__ = ("_docstring", "_sections")

    def __init__(self, docstring: str) -> None:
        self._docstring = docstring
        self._sections: dict[str, str] | None = None

    def _parsed(self) -> dict[str, str]:
        if self._sections is None:
            self._sections = parse_doc(self._docstring)
        return self._sections

    def __getitem__(self, section: str) -> str:
        return self._parsed()[section]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parsed())

    def __len__(self) -> int:
        return len(self._parsed())

    def __repr__(self) -> str:
        return repr(self._parsed())


def parse_doc(doc: str) -> dict[str, str]:
    """Split a rule docstring into its fixed sections ("What it checks:" ...)."""
    text = textwrap.dedent(doc).strip("\n")
    # the first line of a docstring is not indented; dedent the rest separately
    lines = doc.strip("\n").splitlines()
    if lines:
        text = lines[0].strip() + "\n" + textwrap.dedent("\n".join(lines[1:]))
    sections: dict[str, str] = {}
    current: str | None = None
    buf: list[str] = []
    for line in text.splitlines():
        head = line.strip().rstrip(":")
        if line.strip().endswith(":") and head in DOC_SECTIONS:
            if current:
                sections[current] = textwrap.dedent("\n".join(buf)).strip()
            current, buf = head, []
        elif current:
            buf.append(line)
    if current:
        sections[current] = textwrap.dedent("\n".join(buf)).strip()
    return sections


def all_rules() -> list[Rule]:
    """Every registered rule, in category order (`newsctl.rulebook.all_rules` loads them all first)."""
    return sorted(RULES.values(), key=lambda r: ("MSDRH".index(r.code[0]), r.code))


def get(code_or_name: str) -> Rule | None:
    """A registered rule by code (any case) or name."""
    key = code_or_name.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    return next((r for r in RULES.values() if r.name == key.lower()), None)


def matches(selector: str, r: Rule) -> bool:
    """A selector is a code ("S003"), a code prefix ("S", "S00"), a category or a rule name."""
    sel = selector.strip()
    if sel.lower() == "all":
        return True
    if sel.lower() in CATEGORIES:
        return r.category == sel.lower()
    if sel.lower() == r.name:
        return True
    return r.code.startswith(sel.upper())


def is_valid_selector(selector: str) -> bool:
    """Whether a selector matches at least one registered rule."""
    return any(matches(selector, r) for r in RULES.values())

