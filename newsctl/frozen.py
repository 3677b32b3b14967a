"""A cheaper constructor for the frozen dataclasses made many times per article.

A frozen dataclass's generated ``__init__`` sets each field through ``object.__setattr__``
(it must bypass the class's own ``__setattr__``, which raises): a Python-level call per field.
Spans, sentences, inlines and their readability numbers are built tens of thousands of times
in a batch lint, so that cost showed in the profile (issue 12: ~1.3 us for a 4-field Span,
0.7 us with this). `fast_init` replaces the generated ``__init__`` with one that writes the
instance ``__dict__`` directly: same parameters, same defaults, same resulting object (eq,
hash, repr, pickling and immutability are untouched; they read the fields, not ``__init__``).
tests/test_speed_frozen_init.py compares it with the generated one. Standard dataclasses have no
such option (``slots=True`` keeps ``object.__setattr__``), hence this small generator.
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from types import FunctionType
from typing import Any, TypeVar

T = TypeVar("T")


def fast_init(cls: type[T]) -> type[T]:
    """Give a frozen, dict-backed dataclass (no __post_init__, no default_factory, no
    init=False or keyword-only field) an ``__init__`` that fills ``self.__dict__`` directly."""
    if getattr(cls.__dict__.get("__init__"), "_fills_dict", False):
        return cls  # `dataclass` below already gave it this __init__
    params = dataclasses.fields(cls)  # type: ignore[arg-type]
    if not getattr(cls, "__dataclass_params__").frozen or hasattr(cls, "__slots__") or hasattr(cls, "__post_init__"):
        raise TypeError(f"fast_init: {cls.__name__} must be a frozen dataclass without slots or __post_init__")
    for f in params:
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"fast_init: field {cls.__name__}.{f.name} is not a plain positional field")
    cls.__init__ = _init(cls, params, fill_dict=True)  # type: ignore[misc]
    return cls


def _init(cls: type, params: tuple[dataclasses.Field[Any], ...], fill_dict: bool) -> Any:
    """The ``__init__`` of a dataclass whose fields are all positional init fields: writing the
    instance ``__dict__`` (frozen: what object.__setattr__ does there) or assigning (not frozen,
    as the generated one does). A default_factory runs when its argument is not given, marked as
    the generated code marks it (dataclasses' ``<factory>`` sentinel, so signatures read the same)."""
    taken = {f.name for f in params}
    self_name = "__dataclass_self__" if "self" in taken else "self"  # as dataclasses names it
    d = next(n for n in ("d", "_d", "__d", "__dataclass_dict__") if n not in taken)
    if fill_dict and all(f.default_factory is dataclasses.MISSING for f in params):
        init = _renamed_init(params, self_name, d)
        if init is not None:
            return _finish_init(cls, params, init, fill_dict)
    names: list[str] = []
    scope: dict[str, Any] = {}
    lines = [f"    {d} = {self_name}.__dict__\n"] if fill_dict else []
    for f in params:
        value = f.name
        if f.default_factory is not dataclasses.MISSING:
            scope["_HAS_DEFAULT_FACTORY"] = dataclasses._HAS_DEFAULT_FACTORY  # type: ignore[attr-defined]
            scope[f"_factory_{f.name}"] = f.default_factory
            names.append(f"{f.name}=_HAS_DEFAULT_FACTORY")
            value = f"_factory_{f.name}() if {f.name} is _HAS_DEFAULT_FACTORY else {f.name}"
        elif f.default is not dataclasses.MISSING:
            scope[f"_default_{f.name}"] = f.default
            names.append(f"{f.name}=_default_{f.name}")
        else:
            names.append(f.name)
        lines.append(f"    {d}[{f.name!r}] = {value}\n" if fill_dict else f"    {self_name}.{f.name} = {value}\n")
    body = "".join(lines) or "    pass\n"
    source = f"def __init__({', '.join([self_name, *names])}):\n{body}"
    namespace: dict[str, Any] = {}
    exec(source, scope, namespace)  # noqa: S102 - generated from the field names, as dataclasses does
    return _finish_init(cls, params, namespace["__init__"], fill_dict)


def _finish_init(cls: type, params: tuple[dataclasses.Field[Any], ...], init: Any, fill_dict: bool) -> Any:
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in params}, "return": None}  # as the generated one's
    init._fills_dict = fill_dict
    return init


# Compiling each class's ``__init__`` (the ``exec`` above) cost ~0.1 ms a class, ~4 ms of a
# one-file lint's start-up for its ~40 classes (issue 12, third day). A frozen class without
# default factories gets the same function another way: one template per number of fields,
#     def __init__(_self, _f0, _f1): _d = _self.__dict__; _d['_f0'] = _f0; _d['_f1'] = _f1
# its code copied with the parameter names, the local's and the dictionary keys renamed
# (``CodeType.replace``, ~2 us) and the defaults given to the function: the bytecode the ``exec``
# compiles for that class's own source, with the same names, constants and signature.
# tests/test_frozen_dataclass.py compares both, field by field, for every class a lint creates.
# The templates for up to TEMPLATE_FIELDS fields are the functions of newsctl/_init_templates.py
# (generated by `templates_module()`), so Python's bytecode cache holds them compiled: compiling
# a lint's 13 field counts here cost ~1 ms more (all __init__s: ~3.1 -> ~2.1 ms); a count beyond
# them is compiled here, once.
TEMPLATE_FIELDS = 32
_TEMPLATES: dict[int, Any] = {}


def _template_source(n: int, name: str = "__init__") -> str:
    slots = [f"_f{i}" for i in range(n)]
    body = "".join(f'    _d["{slot}"] = {slot}\n' for slot in slots)
    return f"def {name}(_self{''.join(', ' + slot for slot in slots)}):\n    _d = _self.__dict__\n{body}"


def templates_module() -> str:
    """The text of newsctl/_init_templates.py (tests/test_frozen_dataclass.py checks the file)."""
    head = (
        '"""The `__init__` templates of newsctl.frozen (`_renamed_init`), compiled with the package.\n\n'
        "Generated by `newsctl.frozen.templates_module()`; do not edit.\n"
        '"""\n\n'
        "from __future__ import annotations  # as the exec in newsctl.frozen compiles them (its co_flags)\n"
    )
    return head + "".join(f"\n\n{_template_source(n, f'_t{n}')}" for n in range(TEMPLATE_FIELDS + 1))


def _template(n: int) -> Any:
    """The template's code for `n` fields: precompiled when there is one, else compiled here."""
    code = _TEMPLATES.get(n)
    if code is None:
        function = None
        if n <= TEMPLATE_FIELDS:
            try:
                from newsctl import _init_templates

                function = getattr(_init_templates, f"_t{n}", None)
            except ImportError:
                pass
        if function is None:
            namespace: dict[str, Any] = {}
            exec(_template_source(n), {}, namespace)  # noqa: S102
            function = namespace["__init__"]
        code = _TEMPLATES[n] = function.__code__
    return code


def _renamed_init(params: tuple[dataclasses.Field[Any], ...], self_name: str, d: str) -> Any:
    """The fill-dict ``__init__`` for these fields (no default factories), from the template;
    None when this Python's code objects cannot be renamed so (then `_init` compiles its own)."""
    n = len(params)
    code = _template(n)
    names = {f"_f{i}": sys.intern(f.name) for i, f in enumerate(params)}
    if code.co_varnames != ("_self", *names, "_d") or code.co_names != ("__dict__",):
        return None  # another compiler's layout: not what this renaming expects
    try:
        renamed = code.replace(
            co_varnames=(self_name, *names.values(), d),
            co_consts=tuple(names.get(c, c) if type(c) is str else c for c in code.co_consts),
            co_name="__init__",
        )
        if hasattr(renamed, "co_qualname"):  # 3.11: the precompiled template's is "_t<n>"
            renamed = renamed.replace(co_qualname="__init__")
    except (TypeError, ValueError):
        return None
    defaults = tuple(f.default for f in params if f.default is not dataclasses.MISSING)
    if any(f.default is dataclasses.MISSING for f in params[n - len(defaults) :]):
        return None  # a default before a field without one: the compiled source's error, as before
    return FunctionType(renamed, {}, "__init__", defaults or None)


class cached:  # noqa: N801 - used like functools.cached_property
    """functools.cached_property without its lock: the value is computed on first access and
    stored in the instance ``__dict__`` (where later reads find it without calling here).

    Python 3.11's cached_property takes one lock per class on every first access (~2.6 us
    against ~0.9 us here; Python 3.12 removed the lock); an Article reads ~60 such values
    (each paragraph's quotations and word count, the sentences, the dates). The values are
    pure functions of the frozen object, so two threads racing would only compute one twice."""

    def __init__(self, func: Any) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


# --- dataclass: the same frozen dataclasses, cheaper to create -----------------------------------
#
# Creating a frozen dataclass compiles six generated methods (``exec`` of their source): ~0.7 ms a
# class on this VM, and a one-file lint creates about 40 of them before reading the file (~25 ms of
# its CPU; docs/performance.md, "Start-up, third pass"). Most of those methods are never called in
# such a run: ``__repr__`` (only when printing an object), ``__eq__`` and ``__hash__`` (only for
# the few classes compared or put in sets), ``__setattr__``/``__delattr__`` (only to raise
# FrozenInstanceError). `dataclass` below lets the standard module collect the fields and set
# ``__dataclass_fields__``, ``__match_args__`` and ``__dataclass_params__`` (the same values), gives
# the class `fast_init`'s ``__init__`` (one ``exec``), ``__setattr__``/``__delattr__`` as closures
# with the generated code's logic (no ``exec``), and ``__repr__``/``__eq__``/``__hash__`` that
# build the standard ones on first call (from a twin class the standard decorator processes with
# the same fields) and put them on the class, so later calls go straight to them.
# Anything else (not frozen, order, slots, a base dataclass, __post_init__, a default_factory,
# init=False or keyword-only fields, a method of its own among those) goes to
# ``dataclasses.dataclass`` unchanged. tests/test_frozen_dataclass.py rebuilds every class made here
# with the standard decorator from its source and compares fields, parameters and behaviour.

_PLAIN_KW = {"init": True, "repr": True, "eq": True, "order": False, "unsafe_hash": False, "frozen": True}
_DEFAULT_KW = {**_PLAIN_KW, "frozen": False}  # dataclasses.dataclass's defaults
_OWN_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__post_init__", "__slots__")
_PARAMS: dict[tuple[tuple[str, Any], ...], Any] = {}
_LAZY = ("__repr__", "__eq__", "__hash__")


def dataclass(cls: Any = None, /, **kw: Any) -> Any:
    """``dataclasses.dataclass``, cheaper to apply to a plain frozen class (see above)."""

    def wrap(cls: type[T]) -> type[T]:
        if not _plain(cls, kw):
            return dataclasses.dataclass(cls, **kw)  # type: ignore[no-any-return]
        return _lazy(cls, kw)

    return wrap if cls is None else wrap(cls)


def _plain(cls: type, kw: dict[str, Any]) -> bool:
    if any(name not in _PLAIN_KW or (kw[name] != _PLAIN_KW[name] and name != "frozen") for name in kw):
        return False
    if not hasattr(dataclasses, "_HAS_DEFAULT_FACTORY"):  # another Python's dataclasses: the standard way
        return False
    if any(name in cls.__dict__ for name in _OWN_METHODS) or hasattr(cls, "__post_init__"):
        return False
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        return False
    annotations = cls.__dict__.get("__annotations__", {})
    for name, annotation in annotations.items():
        if not isinstance(annotation, str) or any(word in annotation for word in ("ClassVar", "InitVar", "KW_ONLY")):
            return False
        value = cls.__dict__.get(name)
        if isinstance(value, dataclasses.Field) and (not value.init or value.kw_only is not dataclasses.MISSING):
            return False
    return True


def _params(kw: dict[str, Any], collected: Any) -> Any:
    """The ``__dataclass_params__`` the standard decorator sets for these arguments (made once):
    `collected` (those of the fields-only call) with the arguments' values. Asking the standard
    decorator, on an empty class, cost ~0.35 ms for each of the two sets a lint uses (it
    generates five methods; issue 12, third day); it still answers when the copy cannot be made."""
    key = tuple(sorted((name, value) for name, value in kw.items() if value != _DEFAULT_KW[name]))
    params = _PARAMS.get(key)
    if params is None:
        params = copy.copy(collected)
        try:
            for name, value in {**_DEFAULT_KW, **kw}.items():
                if not isinstance(getattr(params, name), bool):
                    raise AttributeError(name)
                setattr(params, name, value)
        except AttributeError:  # another Python's parameters object
            params = dataclasses.dataclass(type("_", (), {"__doc__": "_"}), **dict(key)).__dataclass_params__  # type: ignore[call-overload]
        _PARAMS[key] = params
    return params


def _lazy(cls: type[T], kw: dict[str, Any]) -> type[T]:
    documented = bool(cls.__doc__)
    if not documented:  # else the decorator would read object.__init__'s signature (~0.5 ms: tokenize)
        cls.__doc__ = "-"
    dataclasses.dataclass(cls, init=False, repr=False, eq=False)  # type: ignore[call-overload]  # fields only
    cls.__dataclass_params__ = _params(kw, cls.__dataclass_params__)  # type: ignore[attr-defined]
    params = dataclasses.fields(cls)  # type: ignore[arg-type]
    if len(params) != len(cls.__dataclass_fields__):  # type: ignore[attr-defined]  # a ClassVar or InitVar after all
        raise TypeError(f"newsctl.frozen.dataclass: {cls.__name__} has pseudo-fields")
    frozen = bool(kw.get("frozen"))
    cls.__init__ = _init(cls, params, fill_dict=frozen)  # type: ignore[misc]
    if not documented:  # what the standard decorator writes: the name and __init__'s signature
        import inspect

        cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
    if frozen:
        names = tuple(f.name for f in params)
        for method in (_frozen_setattr(cls, names), _frozen_delattr(cls, names)):
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
            setattr(cls, method.__name__, method)
    for name in _LAZY:
        setattr(cls, name, _on_first_call(cls, name))
    if not frozen:  # eq without frozen: unhashable, as the standard decorator makes it
        cls.__hash__ = None  # type: ignore[assignment]
    return cls


def _frozen_setattr(cls: type, names: tuple[str, ...]) -> Any:
    def __setattr__(self: Any, name: str, value: Any) -> None:  # as dataclasses' _frozen_get_del_attr
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[misc]

    return __setattr__


def _frozen_delattr(cls: type, names: tuple[str, ...]) -> Any:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[misc]

    return __delattr__


def _on_first_call(cls: type, name: str) -> Any:
    def method(self: Any, *args: Any) -> Any:
        return _standard_method(cls, name)(self, *args)

    method.__name__ = name
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    return method


def _standard_method(cls: type, name: str) -> Any:
    """The standard ``__repr__``, ``__eq__`` or ``__hash__`` of `cls` (the one asked for; with
    ``__hash__`` also ``__eq__``, made alongside), put on the class."""
    twin_namespace: dict[str, Any] = {"__module__": cls.__module__, "__qualname__": cls.__qualname__, "__doc__": "-"}
    annotations = twin_namespace["__annotations__"] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        annotations[f.name] = f.type
        twin_namespace[f.name] = dataclasses.field(
            default=f.default, default_factory=f.default_factory, repr=f.repr, hash=f.hash, compare=f.compare, metadata=f.metadata
        )
    # unsafe_hash: the hash of a frozen eq dataclass, without generating the frozen methods
    twin = dataclasses.dataclass(
        type(cls.__name__, (), twin_namespace),
        init=False,
        repr=name == "__repr__",
        eq=name != "__repr__",
        unsafe_hash=name == "__hash__",
        match_args=False,
    )
    made = [n for n in _LAZY if n in twin.__dict__ and (n != "__hash__" or name == "__hash__")]
    for made_name in made:
        setattr(cls, made_name, twin.__dict__[made_name])
    return twin.__dict__[name]
