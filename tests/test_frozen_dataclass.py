"""`newsctl.frozen.dataclass` makes the same classes as `dataclasses.dataclass`, only cheaper.

Every dataclass in newsctl's modules is rebuilt from its source with the standard decorator (and
without `fast_init`), then the two are compared: parameters, fields, `__match_args__`, the
docstring, `__init__`'s signature, and instances' attributes, repr, equality, hash and the
FrozenInstanceError of an assignment or deletion. Synthetic classes cover the cases newsctl's
own classes do not (subclasses, field options, what goes to the standard decorator unchanged).
"""

from __future__ import annotations

import __future__
import copy
import dataclasses
import importlib
import inspect
import itertools
import pickle
import textwrap
from datetime import datetime

import pytest

from newsctl import frozen

MODULES = [
    "newsctl.article",
    "newsctl.findings",
    "newsctl.readability",
    "newsctl.settings",
    "newsctl.registry",
    "newsctl.fields",
    "newsctl.dates",
    "newsctl.htmlscan",
    "newsctl.source",
    "newsctl.suppress",
    "newsctl.frontmatter",
    "newsctl.text",
    "newsctl.templates",
    "newsctl.cli.lint_run",
    "newsctl.engine",
    "newsctl.fixes",
]


def _classes() -> list[type]:
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == name and "__dataclass_fields__" in value.__dict__:
                found.append(value)
    return found


CLASSES = _classes()


def _made_cheaply(cls: type) -> bool:
    return getattr(cls.__dict__.get("__setattr__"), "__code__", None) is frozen._frozen_setattr(object, ()).__code__


def test_most_of_newsctls_frozen_dataclasses_are_made_the_cheap_way():
    cheap = [cls.__name__ for cls in CLASSES if _made_cheaply(cls)]
    assert len(cheap) >= 30, cheap
    assert {"Span", "Sentence", "Block", "Finding", "Hit", "Rule", "Option", "DateMention"} <= set(cheap)


def _standard_twin(cls: type) -> type:
    """`cls` rebuilt from its source with dataclasses.dataclass and no fast_init."""
    module = importlib.import_module(cls.__module__)
    namespace = dict(vars(module))
    namespace["dataclass"] = dataclasses.dataclass
    namespace["fast_init"] = lambda c: c
    source = textwrap.dedent(inspect.getsource(cls))
    code = compile(source, inspect.getsourcefile(cls) or "?", "exec", flags=__future__.annotations.compiler_flag, dont_inherit=True)
    exec(code, namespace)  # noqa: S102 - the class's own source
    return namespace[cls.__name__]


def _compiled_init(cls: type, monkeypatch) -> object:
    """`cls.__init__` as `frozen._init` compiles it from source (without the renamed template)."""
    with monkeypatch.context() as patch:
        patch.setattr(frozen, "_renamed_init", lambda *args: None)
        return frozen._init(cls, dataclasses.fields(cls), fill_dict=cls.__init__._fills_dict)


@pytest.mark.parametrize("cls", [c for c in CLASSES if getattr(c.__init__, "_fills_dict", False)], ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_the_renamed_init_is_the_compiled_one(cls, monkeypatch):
    """The __init__ copied from a template (issue 12, third day) is the function `exec` compiles
    from the class's own source: same bytecode, names, constants, defaults and signature."""
    mine, compiled = cls.__init__, _compiled_init(cls, monkeypatch)
    for attr in ("co_code", "co_consts", "co_names", "co_varnames", "co_argcount", "co_kwonlyargcount", "co_flags", "co_name", "co_nlocals"):
        assert getattr(mine.__code__, attr) == getattr(compiled.__code__, attr), attr
    for attr in ("__defaults__", "__kwdefaults__", "__annotations__", "__qualname__", "__module__", "__name__"):
        assert getattr(mine, attr) == getattr(compiled, attr), attr
    assert inspect.signature(mine) == inspect.signature(compiled)


def test_the_precompiled_templates_are_the_generated_ones():
    from pathlib import Path

    from newsctl import _init_templates

    assert Path(_init_templates.__file__).read_text("utf-8") == frozen.templates_module()
    for n in range(frozen.TEMPLATE_FIELDS + 1):
        namespace: dict = {}
        exec(frozen._template_source(n), {}, namespace)  # noqa: S102
        compiled, stored = namespace["__init__"].__code__, getattr(_init_templates, f"_t{n}").__code__
        for attr in ("co_code", "co_consts", "co_names", "co_varnames", "co_argcount", "co_flags", "co_nlocals"):
            assert getattr(stored, attr) == getattr(compiled, attr), (n, attr)
    # a count beyond them is compiled on first use
    assert frozen._template(frozen.TEMPLATE_FIELDS + 3).co_argcount == frozen.TEMPLATE_FIELDS + 4


def test_the_renamed_init_for_odd_field_names_and_defaults():
    @frozen.dataclass(frozen=True)
    class Odd:
        """-"""

        d: int
        self: str
        _f0: int = 3
        _d: tuple = ()

    assert vars(Odd(1, "x")) == {"d": 1, "self": "x", "_f0": 3, "_d": ()}
    assert vars(Odd(_d=(1,), self="s", d=2, _f0=0)) == {"d": 2, "self": "s", "_f0": 0, "_d": (1,)}
    assert str(inspect.signature(Odd)) == "(d: 'int', self: 'str', _f0: 'int' = 3, _d: 'tuple' = ()) -> None"
    assert Odd.__init__.__code__.co_varnames == ("__dataclass_self__", "d", "self", "_f0", "_d", "__d")
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'self'"):
        Odd(1)


@pytest.mark.parametrize("kw", [{"frozen": True}, {}, {"frozen": False, "repr": True}])
def test_the_parameters_copied_or_asked_for_are_the_standard_ones(kw, monkeypatch):
    class Copied:
        a: int

    class Standard:
        a: int

    expected = repr(dataclasses.dataclass(type("_", (), {"__doc__": "_"}), **kw).__dataclass_params__)
    monkeypatch.setattr(frozen, "_PARAMS", {})
    assert repr(frozen.dataclass(Copied, **kw).__dataclass_params__) == expected
    # a Python whose parameters object cannot be copied so: the standard decorator is asked
    monkeypatch.setattr(frozen, "_PARAMS", {})
    monkeypatch.setattr(frozen, "copy", type("NoCopy", (), {"copy": staticmethod(lambda params: object())}))
    assert repr(frozen.dataclass(Standard, **kw).__dataclass_params__) == expected


VALUES = [1, "a", None, (1, 2), 2.5, "b", 0, ("x",), True, -4]


def _instances(cls: type, twin: type):
    fields = [f for f in dataclasses.fields(cls) if f.init]
    required = [f for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    for shift in range(3):
        args = [VALUES[(i + shift) % len(VALUES)] for i in range(len(fields))]
        yield cls(*args), twin(*args)
        short = args[: len(required)]
        yield cls(*short), twin(*short)


def _comparable(values: dict) -> dict:
    """Attribute values, but only the type of a clock reading (Settings.now's factory)."""
    return {k: type(v) if isinstance(v, datetime) else v for k, v in values.items()}


def _outcome(call):
    try:
        return ("ok", call())
    except Exception as exc:  # noqa: BLE001 - the outcome is what is compared
        return (type(exc).__name__, str(exc))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_same_class_as_the_standard_decorator(cls):
    twin = _standard_twin(cls)
    assert repr(cls.__dataclass_params__) == repr(twin.__dataclass_params__)
    assert cls.__doc__ == twin.__doc__
    assert getattr(cls, "__match_args__", None) == getattr(twin, "__match_args__", None)
    assert inspect.signature(cls) == inspect.signature(twin)
    attrs = ("name", "type", "default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only", "_field_type")
    mine = [tuple(getattr(f, a) for a in attrs) for f in cls.__dataclass_fields__.values()]
    theirs = [tuple(getattr(f, a) for a in attrs) for f in twin.__dataclass_fields__.values()]
    assert [m[:3] + m[4:] for m in mine] == [t[:3] + t[4:] for t in theirs]  # default_factory: a new lambda
    assert [m[3] is dataclasses.MISSING for m in mine] == [t[3] is dataclasses.MISSING for t in theirs]
    pairs = list(_instances(cls, twin))
    for mine_obj, their_obj in pairs:
        assert _comparable(vars(mine_obj)) == _comparable(vars(their_obj))
        if not any(isinstance(v, datetime) for v in vars(mine_obj).values()):
            assert repr(mine_obj) == repr(their_obj)
        assert _outcome(lambda: hash(mine_obj)) == _outcome(lambda: hash(their_obj))
        for name in [f.name for f in dataclasses.fields(cls)][:2] + ["not_a_field"]:
            assert _outcome(lambda: setattr(mine_obj, name, 1)) == _outcome(lambda: setattr(their_obj, name, 1))
            assert _outcome(lambda: delattr(mine_obj, name)) == _outcome(lambda: delattr(their_obj, name))
        if not any(isinstance(v, datetime) for v in vars(mine_obj).values()):
            assert _outcome(lambda: repr(copy.copy(mine_obj))) == _outcome(lambda: repr(copy.copy(their_obj)))
        assert _outcome(lambda: dataclasses.astuple(mine_obj)) == _outcome(lambda: dataclasses.astuple(their_obj))
    for (a, ta), (b, tb) in itertools.product(pairs, repeat=2):
        assert _outcome(lambda: a == b) == _outcome(lambda: ta == tb)
        assert _outcome(lambda: a != b) == _outcome(lambda: ta != tb)
        assert _outcome(lambda: a == "other") == _outcome(lambda: ta == "other")


def test_pickling_and_replace_keep_the_object():
    from newsctl.article import Span
    from newsctl.findings import Hit

    span = Span(1, 2, 3, 4)
    assert pickle.loads(pickle.dumps(span)) == span and hash(pickle.loads(pickle.dumps(span))) == hash(span)
    assert dataclasses.replace(span, line=9) == Span(9, 2, 3, 4)
    hit = Hit(span, "message")
    assert pickle.loads(pickle.dumps(hit)) == hit and repr(pickle.loads(pickle.dumps(hit))) == repr(hit)


SYNTHETIC = '''
from __future__ import annotations
from dataclasses import field

@dataclass(frozen=True)
class Plain:
    """A docstring."""
    a: int
    b: str = "x"
    c: tuple = field(default=(), repr=False)
    d: int = field(default=0, compare=False)
    e: int = field(default=1, hash=False)
    f: int = field(default=2, hash=True, compare=False)
    g: dict = field(default=None, metadata={"m": 1})

    def total(self) -> int:
        return self.a + self.d

@dataclass(frozen=True)
class NoDoc:
    self_: int
    other: str = "o"

@dataclass(frozen=True)
class Empty:
    """Nothing."""

@dataclass(frozen=True, order=True)
class Ordered:
    """Goes to the standard decorator."""
    a: int

@dataclass(frozen=True)
class Factory:
    """A default factory."""
    a: list = field(default_factory=list)
    b: int = 3

@dataclass(frozen=True)
class PostInit:
    """Goes to the standard decorator."""
    a: int
    def __post_init__(self):
        object.__setattr__(self, "a", self.a * 2)

@dataclass(frozen=True)
class OwnRepr:
    """Goes to the standard decorator."""
    a: int
    def __repr__(self):
        return "own"

@dataclass
class Mutable:
    """Not frozen."""
    a: int
    b: dict = field(default_factory=dict)

@dataclass
class MutableNoDoc:
    a: int
    b: list = field(default_factory=list, repr=False)

class Sub(Plain):
    """A plain subclass of a dataclass made cheaply."""
'''


def _synthetic(decorator, module_name: str) -> dict:
    import sys
    import types

    module = types.ModuleType(module_name)
    module.__dict__["dataclass"] = decorator
    sys.modules[module_name] = module
    exec(compile(SYNTHETIC, module_name, "exec", dont_inherit=True), module.__dict__)  # noqa: S102
    return module.__dict__


@pytest.fixture(scope="module")
def synthetic():
    import sys

    yield _synthetic(frozen.dataclass, "synthetic_cheap"), _synthetic(dataclasses.dataclass, "synthetic_standard")
    sys.modules.pop("synthetic_cheap", None)
    sys.modules.pop("synthetic_standard", None)


@pytest.mark.parametrize("name", ["Plain", "NoDoc", "Empty", "Ordered", "Factory", "PostInit", "OwnRepr", "Mutable", "MutableNoDoc", "Sub"])
def test_synthetic_classes_behave_as_the_standard_ones(synthetic, name):
    mine, theirs = synthetic
    cls, twin = mine[name], theirs[name]
    assert cls.__doc__ == twin.__doc__
    assert repr(getattr(cls, "__dataclass_params__")) == repr(getattr(twin, "__dataclass_params__"))
    assert inspect.signature(cls) == inspect.signature(twin)
    assert getattr(cls, "__match_args__", None) == getattr(twin, "__match_args__", None)
    args = {"Plain": (3, "y", (1,), 5, 6, 7, {}), "NoDoc": (1,), "Empty": (), "Ordered": (1,), "Factory": ([1],),
            "PostInit": (2,), "OwnRepr": (1,), "Mutable": (1,), "MutableNoDoc": (1,), "Sub": (1, "z")}[name]
    a, b = cls(*args), twin(*args)
    assert vars(a) == vars(b) and repr(a) == repr(b)
    assert _outcome(lambda: hash(a)) == _outcome(lambda: hash(b))
    assert (a == cls(*args)) == (b == twin(*args))
    for attr in ("a", "b", "zzz"):
        assert _outcome(lambda: setattr(a, attr, 0)) == _outcome(lambda: setattr(b, attr, 0))
        assert _outcome(lambda: delattr(a, attr)) == _outcome(lambda: delattr(b, attr))
    assert vars(a) == vars(b)
    if name == "Plain":
        assert a == cls(3, "y", (1,), 99, 6, 7, {}) and a != cls(4)  # d is not compared
        h = cls(3, "y", (1,), 5, 6, 7, None)
        assert hash(h) != hash(cls(3, "y", (1,), 5, 6, 8, None)) and h == cls(3, "y", (1,), 5, 6, 8, None)  # f: hashed, not compared
        assert a.total() == 8
        assert _made_cheaply(cls)
    if name in ("Ordered", "PostInit", "OwnRepr"):
        assert "_fills_dict" not in vars(cls.__init__)  # the standard decorator's own
    else:
        assert "_fills_dict" in vars(cls.__init__)
    if name in ("Factory", "Mutable", "MutableNoDoc"):
        assert cls().__dict__ == twin().__dict__ if name == "Factory" else cls(1).__dict__ == twin(1).__dict__
        x, y = (cls(), cls()) if name == "Factory" else (cls(1), cls(1))
        assert (x.a is not y.a) if name == "Factory" else (x.b is not y.b)  # a new value per instance
    if name.startswith("Mutable"):
        assert cls.__hash__ is None and twin.__hash__ is None
        a, b = cls(*args), twin(*args)
        a.a = 5
        b.a = 5
        assert vars(a) == vars(b) and repr(a) == repr(b) and a == cls(5) and b == twin(5)
