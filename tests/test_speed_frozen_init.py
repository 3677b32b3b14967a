"""newsctl.frozen.fast_init (issue 12) builds the same objects as the dataclass-generated __init__."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
import random

import pytest

from newsctl import article, dates, htmlscan, readability, templates
from newsctl.frozen import fast_init

FAST = [
    article.Span,
    article.Problem,
    article.Link,
    article.Image,
    article.HtmlTag,
    article.Inline,
    article.Block,
    article.Sentence,
    article.Section,
    dates.DateMention,
    readability.Stats,
    readability.SentenceStats,
    readability.Paragraph,
    readability.SectionStats,
    templates.Template,
    htmlscan.Attribute,
    htmlscan.StartTag,
]


def _reference(cls: type) -> type:
    """The same dataclass with the generated __init__ (rebuilt from its fields)."""
    spec = [(f.name, f.type, dataclasses.field(default=f.default, compare=f.compare, repr=f.repr)) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(f"Ref{cls.__name__}", spec, frozen=True)


def _value(rng: random.Random) -> object:
    return rng.choice([0, 1, -3, 7, "", "x", "a b", None, True, False, (1, 2), ("a",), 2.5])


@pytest.mark.parametrize("cls", FAST, ids=lambda c: c.__name__)
def test_same_object_as_generated_init(cls: type) -> None:
    rng = random.Random(cls.__name__)
    fields = dataclasses.fields(cls)
    ref = _reference(cls)
    assert [p.name for p in inspect.signature(cls).parameters.values()] == [f.name for f in fields]
    required = [f for f in fields if f.default is dataclasses.MISSING]
    for _ in range(200):
        n = rng.randint(len(required), len(fields))
        args = [_value(rng) for _ in range(n)]
        kwargs = {}
        if rng.random() < 0.5 and n:  # pass the last few by keyword
            k = rng.randint(0, n)
            kwargs = {f.name: v for f, v in zip(fields[k:n], args[k:])}
            args = args[:k]
        fast, slow = cls(*args, **kwargs), ref(*args, **kwargs)
        assert vars(fast) == vars(slow)
        assert repr(fast).split("(", 1)[1] == repr(slow).split("(", 1)[1]
        assert fast == cls(*args, **kwargs)
        try:
            assert hash(fast) == hash(cls(*args, **kwargs))
        except TypeError:
            pass  # an unhashable value in a field: unhashable either way
        assert pickle.loads(pickle.dumps(fast)) == fast
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(fast, fields[0].name, 1)
    assert dataclasses.replace(cls(*[_value(rng) for _ in required]), **{fields[0].name: 5}).__dict__[fields[0].name] == 5


def test_missing_and_unknown_arguments_fail_like_the_generated_init() -> None:
    with pytest.raises(TypeError):
        article.Span(1, 2, 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        article.Span(1, 2, 3, 4, 5)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        article.Span(1, 2, 3, 4, width=1)  # type: ignore[call-arg]


def test_refuses_what_it_cannot_copy() -> None:
    @dataclasses.dataclass
    class Mutable:
        a: int

    @dataclasses.dataclass(frozen=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class PostInit:
        a: int

        def __post_init__(self) -> None:
            pass

    for cls in (Mutable, Factory, PostInit):
        with pytest.raises(TypeError):
            fast_init(cls)


def test_cached_computes_once_and_keeps_the_value_on_the_instance() -> None:
    from newsctl.frozen import cached

    calls: list[int] = []

    @dataclasses.dataclass(frozen=True)
    class Box:
        n: int

        @cached
        def double(self) -> int:
            """Twice n."""
            calls.append(self.n)
            return 2 * self.n

    a, b = Box(2), Box(3)
    assert (a.double, a.double, b.double) == (4, 4, 6)
    assert calls == [2, 3]
    assert vars(a) == {"n": 2, "double": 4}
    assert isinstance(Box.double, cached) and Box.double.__doc__ == "Twice n."
    assert a == Box(2) and hash(a) == hash(Box(2))  # the cached value is no field


def test_article_values_are_computed_once() -> None:
    from newsctl.parse import parse_text

    art = parse_text("---\ntitle: T\n---\n\nOn March 5 “we won,” she said. It rained.\n", "a.md")
    first = art.sentences
    assert art.sentences is first and len(first) == 2
    assert art.dates is art.dates and art.derived is art.derived
    assert art.blocks[0].inline.quotes is art.blocks[0].inline.quotes
