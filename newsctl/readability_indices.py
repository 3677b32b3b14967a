"""textstat's other readability indices, computed by textstat itself on newsctl's prose.

newsctl's own Flesch path (newsctl.readability) never imports textstat: it is slow to start
(~30 ms to import, ~0.6 s before its first English score). These indices are textstat's
formulas and counting, so textstat is imported here, inside `scores`, only when a report
asks for an index (`newsctl readability --index`, setting `readability-index`).

What textstat reads: the measured prose (`newsctl.readability.prose_text`: paragraphs and
list items, each counted sentence with its quotations blanked out when exclude-quotes is
on, a full stop added where a sentence has no closing mark), joined by spaces. textstat's
functions take only the text, so they count sentences, words, letters and syllables
themselves: sentences by textstat's own rule (cut at every `.`, `?` or `!`, "Dr." included;
a "sentence" of two words or fewer is dropped), not newsctl's. docs/readability-json.md says
how far the two counts differ on real articles.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

# name -> (label, textstat call). Names are what --index and readability-index accept.
INDICES: dict[str, tuple[str, Callable[[Any, str], float]]] = {
    "smog": ("SMOG", lambda ts, text: ts.smog_index(text)),
    "coleman-liau": ("Coleman–Liau", lambda ts, text: ts.coleman_liau_index(text)),
    "ari": ("ARI", lambda ts, text: ts.automated_readability_index(text)),
    "dale-chall": ("Dale–Chall", lambda ts, text: ts.dale_chall_readability_score(text)),
    "gunning-fog": ("Gunning fog", lambda ts, text: ts.gunning_fog(text)),
    "linsear-write": ("Linsear Write", lambda ts, text: ts.linsear_write_formula(text)),
    # textstat's consensus grade of all its indices, as a number (text_standard(float_output=True))
    "text-standard": ("Consensus", lambda ts, text: float(ts.text_standard(text, float_output=True))),
}


def choices() -> str:
    return ", ".join([*INDICES, "all"])


def parse(items: Iterable[str]) -> tuple[str, ...]:
    """Index names from --index values or the setting (comma-separated allowed), in the order
    of INDICES, each once; `all` selects every index. ValueError names the choices."""
    wanted: set[str] = set()
    for item in items:
        for part in (p.strip().lower() for p in item.split(",")):
            if not part:
                continue
            if part == "all":
                wanted.update(INDICES)
            elif part in INDICES:
                wanted.add(part)
            else:
                raise ValueError(f"unknown readability index {part!r}; choose from {choices()}")
    return tuple(name for name in INDICES if name in wanted)


def label(name: str) -> str:
    return INDICES[name][0]


def scores(text: str, names: Iterable[str]) -> dict[str, float | None]:
    """Each index of the text, as textstat computes it (None for no prose, as the Flesch scores)."""
    names = tuple(names)
    if not names:
        return {}
    if not text.strip():
        return {name: None for name in names}
    import textstat  # only here: the default report never pays for it

    return {name: INDICES[name][1](textstat, text) for name in names}
