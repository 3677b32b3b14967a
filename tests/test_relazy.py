"""newsctl.relazy.lazy: a pattern compiled on first use behaves as the compiled pattern."""

from __future__ import annotations

import re

import pytest

from newsctl import dates, frontmatter, parse, suppress, templates, text
from newsctl.relazy import LazyPattern, lazy
from newsctl.rules import dates as date_rules
from newsctl.rules import hygiene, interview

SAMPLES = ["", "a", "Ab cd, Ef.", "x 2024-03-06 y", "TODO fix www.example.com now", "Q: why?\nA: because", "é ü 1,000.5"]


@pytest.mark.parametrize("pattern,flags", [(r"(?P<w>\w+)\s*(\d+)?", 0), (r"^a|b$", re.M | re.I), (r"[,;:—–(]", 0)])
def test_every_method_and_attribute_as_the_compiled_pattern(pattern, flags):
    compiled = re.compile(pattern, flags)
    for text_ in SAMPLES:
        p = lazy(pattern, flags)  # fresh: the first use is each method in turn
        for name in ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn"):
            q = lazy(pattern, flags)
            args = ("-", text_) if name in ("sub", "subn") else (text_,)
            mine = getattr(q, name)(*args)
            theirs = getattr(compiled, name)(*args)
            if name == "finditer":
                mine, theirs = [m.span() for m in mine], [m.span() for m in theirs]
            elif name in ("search", "match", "fullmatch"):
                mine, theirs = mine and (mine.span(), mine.groups()), theirs and (theirs.span(), theirs.groups())
            assert mine == theirs, name
        mine, theirs = p.search(text_, 1), compiled.search(text_, 1)
        assert (mine and mine.span()) == (theirs and theirs.span())
    p = lazy(pattern, flags)
    assert (p.pattern, p.flags, p.groups, p.groupindex) == (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)


def test_compiled_once_then_the_methods_are_the_compiled_patterns():
    p = lazy(r"\d+")
    assert "search" not in vars(p)
    p.search("a1")
    assert type(vars(p)["search"]) is type(re.compile("x").search)  # a bound C method, no wrapper left
    assert p.search.__self__ is p.finditer.__self__ and isinstance(p.search.__self__, re.Pattern)


def test_other_attributes_are_errors():
    p = lazy(r"x")
    with pytest.raises(AttributeError):
        p.no_such_thing
    with pytest.raises(AttributeError):
        p.__deepcopy_hook__
    assert "search" not in vars(p)  # an unknown name compiles nothing


def test_the_module_patterns_made_lazy_are_the_ones_they_were():
    lazies = [
        value
        for module in (dates, frontmatter, parse, suppress, templates, text, date_rules, hygiene, interview)
        for value in vars(module).values()
        if isinstance(value, LazyPattern)
    ]
    assert len(lazies) == 18
    for p in lazies:  # each compiles (the flags and source are what re.compile took)
        assert isinstance(p.search.__self__, re.Pattern)
