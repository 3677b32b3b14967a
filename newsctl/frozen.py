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

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def fast_init(cls: type[T]) -> type[T]:
    """Give a frozen, dict-backed dataclass (no __post_init__, no default_factory, no
    init=False or keyword-only field) an ``__init__`` that fills ``self.__dict__`` directly."""
    params = dataclasses.fields(cls)  # type: ignore[arg-type]
    if not getattr(cls, "__dataclass_params__").frozen or hasattr(cls, "__slots__") or hasattr(cls, "__post_init__"):
        raise TypeError(f"fast_init: {cls.__name__} must be a frozen dataclass without slots or __post_init__")
    names: list[str] = []
    defaults: dict[str, Any] = {}
    for f in params:
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"fast_init: field {cls.__name__}.{f.name} is not a plain positional field")
        if f.default is dataclasses.MISSING:
            names.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            names.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    d[{f.name!r}] = {f.name}\n" for f in params)
    source = f"def __init__(self, {', '.join(names)}):\n    d = self.__dict__\n{body}"
    namespace: dict[str, Any] = {}
    exec(source, defaults, namespace)  # noqa: S102 - generated from the field names, as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]
    return cls


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
