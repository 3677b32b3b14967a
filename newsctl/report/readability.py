"""The readability report (`newsctl readability`): text, JSON and CSV, as pure functions.

The JSON shape is documented in docs/readability-json.md.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from newsctl import __version__
from newsctl.readability import Measurement, SectionStats, SentenceStats, Stats, band, prose_text

_STYLE = {"easy": "32", "standard": "33", "hard": "1;31", "path": "1;4", "dim": "2", "head": "1"}
LEAD = "(lead)"


@dataclass(frozen=True)
class ArticleReport:
    path: str
    title: str | None
    measurement: Measurement


def _c(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if color else text


def duration(seconds: int) -> str:
    """Reading time as m:ss."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def _section_title(title: str, index: int) -> str:
    return title if index else LEAD


def _quote(s: SentenceStats, width: int = 60) -> str:
    text = s.sentence.text
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(",;:") + "…"


# --- textstat's other indices (only when selected: newsctl.readability_indices) ----------------


def _key(name: str) -> str:
    return name.replace("-", "_")


def article_indices(m: Measurement, indices: tuple[str, ...]) -> dict[str, float | None]:
    """The selected indices of the whole article's measured prose ({} when none is selected)."""
    if not indices:
        return {}
    from newsctl.readability_indices import scores

    return scores(prose_text(m.sentences), indices)


def section_indices(m: Measurement, sec: SectionStats, indices: tuple[str, ...]) -> dict[str, float | None]:
    """The selected indices of one report row's measured prose."""
    if not indices:
        return {}
    from newsctl.readability_indices import scores

    blocks = set(sec.blocks)
    return scores(prose_text(s for s in m.sentences if s.sentence.block in blocks), indices)


def _rounded(values: dict[str, float | None]) -> dict[str, float | None]:
    return {_key(k): (None if v is None else round(v, 2)) for k, v in values.items()}


# --- JSON --------------------------------------------------------------------------------------


def _sentence_dict(s: SentenceStats) -> dict[str, Any]:
    span = s.sentence.span
    return {
        "line": span.line,
        "column": span.column,
        "words": s.words,
        "flesch_kincaid_grade": round(s.grade, 2),
        "text": s.sentence.text,
    }


def _stats_dict(stats: Stats, indices: dict[str, float | None] | None = None) -> dict[str, Any]:
    d: dict[str, Any] = stats.to_dict()
    if indices:
        d["indices"] = _rounded(indices)
    return d


def article_dict(report: ArticleReport, max_grade: float, indices: tuple[str, ...] = ()) -> dict[str, Any]:
    m = report.measurement
    return {
        "path": report.path,
        "title": report.title,
        "band": band(m.article.flesch_kincaid_grade, max_grade),
        "totals": _stats_dict(m.article, article_indices(m, indices)),
        "sections": [
            {
                "title": _section_title(sec.title, sec.section),
                "level": sec.level,
                "line": sec.line,
                "band": band(sec.stats.flesch_kincaid_grade, max_grade) if sec.stats.words else None,
                "stats": _stats_dict(sec.stats, section_indices(m, sec, indices)),
                "hardest_sentences": [_sentence_dict(s) for s in sec.hardest],
            }
            for sec in m.sections
        ],
        "paragraphs": [
            {"line": p.line, "section": _row_position(m, p.section), "stats": p.stats.to_dict()} for p in m.paragraphs
        ],
    }


def _row_position(m: Measurement, section: int) -> int:
    return next(i for i, sec in enumerate(m.sections) if sec.section == section)


def render_json(
    reports: list[ArticleReport],
    *,
    max_grade: float,
    exclude_quotes: bool,
    errors: list[dict[str, Any]] | None = None,
    indices: tuple[str, ...] = (),
) -> str:
    settings: dict[str, Any] = {"max_grade": max_grade, "exclude_quotes": exclude_quotes}
    if indices:
        settings["indices"] = list(indices)
    doc = {
        "version": __version__,
        "settings": settings,
        "articles": [article_dict(r, max_grade, indices) for r in reports],
        "errors": errors or [],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# --- CSV ---------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "path",
    "scope",
    "section",
    "line",
    "words",
    "sentences",
    "syllables",
    "quoted_words",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "reading_time_seconds",
    "band",
)


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection): a leading = + - @ is quoted."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_row(
    path: str, scope: str, section: str, line: int | str, stats: Stats, max_grade: float, indices: dict[str, float | None]
) -> list[Any]:
    d = stats.to_dict()
    extra = ["" if v is None else f"{v:.2f}" for v in indices.values()]
    return [
        _cell(path),
        scope,
        _cell(section),
        line,
        d["words"],
        d["sentences"],
        d["syllables"],
        d["quoted_words"],
        "" if d["flesch_kincaid_grade"] is None else f"{d['flesch_kincaid_grade']:.2f}",
        "" if d["flesch_reading_ease"] is None else f"{d['flesch_reading_ease']:.2f}",
        d["reading_time_seconds"],
        band(stats.flesch_kincaid_grade, max_grade) if stats.words else "",
        *extra,
    ]


def csv_header(indices: tuple[str, ...] = ()) -> list[str]:
    return [*CSV_COLUMNS, *(_key(name) for name in indices)]


def csv_rows(r: ArticleReport, *, max_grade: float, indices: tuple[str, ...] = ()) -> list[list[Any]]:
    """One article's rows: the `article` row, then a `section` row per section."""
    m = r.measurement
    rows = [_csv_row(r.path, "article", r.title or "", "", m.article, max_grade, article_indices(m, indices))]
    for sec in m.sections:
        title = _section_title(sec.title, sec.section)
        rows.append(_csv_row(r.path, "section", title, sec.line, sec.stats, max_grade, section_indices(m, sec, indices)))
    return rows


def csv_text(rows: list[list[Any]]) -> str:
    """Rows as CSV text (the csv module's quoting, LF line ends)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def render_csv(reports: list[ArticleReport], *, max_grade: float, indices: tuple[str, ...] = ()) -> str:
    """One `article` row per file, then one `section` row per section; a column per selected index."""
    rows = [csv_header(indices)]
    for r in reports:
        rows.extend(csv_rows(r, max_grade=max_grade, indices=indices))
    return csv_text(rows)


# --- text --------------------------------------------------------------------------------------


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cells(stats: Stats) -> tuple[str, str, str, str]:
    if not stats.words:
        return ("-", "-", "0", duration(stats.reading_time_seconds))
    return (
        f"{stats.flesch_kincaid_grade:.1f}",
        f"{stats.flesch_reading_ease:.1f}",
        str(stats.words),
        duration(stats.reading_time_seconds),
    )


def _index_header(indices: tuple[str, ...]) -> str:
    from newsctl.readability_indices import label

    return "".join(f"  {label(name):>{max(5, len(label(name)))}}" for name in indices)


def _index_cells(values: dict[str, float | None], indices: tuple[str, ...]) -> str:
    """Right-aligned under _index_header ("-" for no prose)."""
    from newsctl.readability_indices import label

    cells = []
    for name in indices:
        value = values.get(name)
        cells.append(f"  {'-' if value is None else f'{value:.1f}':>{max(5, len(label(name)))}}")
    return "".join(cells)


def render_article(
    report: ArticleReport, *, max_grade: float, color: bool = False, title_width: int = 40, indices: tuple[str, ...] = ()
) -> str:
    """One article: a table of sections (grade, ease, words, time, selected indices), the hardest sentences, totals."""
    m = report.measurement
    lines = [_c(report.path, "path", color) + (f"  {report.title}" if report.title else "")]
    extra = _index_header(indices)
    header = f"  {'Section':<{title_width}}  {'Grade':>5}  {'Ease':>6}  {'Words':>5}  {'Time':>5}{extra}  Band"
    lines.append(_c(header, "head", color))
    for sec in m.sections:
        if sec.section == 0 and not sec.stats.words and not sec.stats.quoted_words:
            continue
        grade, ease, words, time = _cells(sec.stats)
        name = _fit(_section_title(sec.title, sec.section), title_width)
        level = band(sec.stats.flesch_kincaid_grade, max_grade) if sec.stats.words else ""
        cells = _index_cells(section_indices(m, sec, indices), indices)
        row = f"  {name:<{title_width}}  {grade:>5}  {ease:>6}  {words:>5}  {time:>5}{cells}  {level}"
        lines.append(_c(row, level, color) if level else row)
        for s in sec.hardest[:2]:
            pos = f"{s.sentence.span.line}:{s.sentence.span.column}"
            quoted = _quote(s)
            shown = quoted if quoted[:1] in "\"“'‘" else f"\"{quoted}\""  # never two quote marks in a row
            lines.append(_c(f"      {pos:<7} grade {s.grade:>4.1f}, {s.words} words: {shown}", "dim", color))
    grade, ease, words, time = _cells(m.article)
    level = band(m.article.flesch_kincaid_grade, max_grade) if m.article.words else ""
    cells = _index_cells(article_indices(m, indices), indices)
    total = f"  {'Total':<{title_width}}  {grade:>5}  {ease:>6}  {words:>5}  {time:>5}{cells}  {level}"
    lines.append(_c(total, level, color) if level else total)
    facts = (
        f"  {m.article.sentences} sentence{'' if m.article.sentences == 1 else 's'}, "
        f"{m.article.syllables} syllable{'' if m.article.syllables == 1 else 's'}"
    )
    if m.article.quoted_words:
        facts += f"; {m.article.quoted_words} quoted words left out of the scores"
    lines.append(facts)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class SummaryRow:
    """What the one-line-per-article table needs of an article (the rest of its measurement is
    not kept: the column width depends on every path, so the rows wait for the last article)."""

    path: str
    cells: str  # grade, ease, words, time and index cells, formatted
    level: str  # band, "" without prose
    where: str  # the hardest section and its grade


def summary_row(r: ArticleReport, *, max_grade: float, indices: tuple[str, ...] = ()) -> SummaryRow:
    m = r.measurement
    grade, ease, words, time = _cells(m.article)
    level = band(m.article.flesch_kincaid_grade, max_grade) if m.article.words else ""
    measured = [s for s in m.sections if s.stats.words]
    hardest = max(measured, key=lambda s: s.stats.flesch_kincaid_grade, default=None)
    where = ""
    if hardest is not None:
        where = f"{_section_title(hardest.title, hardest.section)} ({hardest.stats.flesch_kincaid_grade:.1f})"
    cells = _index_cells(article_indices(m, indices), indices)
    return SummaryRow(r.path, f"{grade:>5}  {ease:>6}  {words:>5}  {time:>5}{cells}", level, where)


def render_summary_rows(rows: list[SummaryRow], *, color: bool = False, indices: tuple[str, ...] = ()) -> str:
    width = max([len(r.path) for r in rows] + [4])
    extra = _index_header(indices)
    lines = [_c(f"{'Path':<{width}}  {'Grade':>5}  {'Ease':>6}  {'Words':>5}  {'Time':>5}{extra}  {'Band':<8}  Hardest section", "head", color)]
    for r in rows:
        row = f"{r.path:<{width}}  {r.cells}  {r.level:<8}  {r.where}".rstrip()
        lines.append(_c(row, r.level, color) if r.level else row)
    return "\n".join(lines) + "\n"


def render_summary(reports: list[ArticleReport], *, max_grade: float, color: bool = False, indices: tuple[str, ...] = ()) -> str:
    """Many articles: one line each (grade, ease, words, time, selected indices, band, hardest section)."""
    rows = [summary_row(r, max_grade=max_grade, indices=indices) for r in reports]
    return render_summary_rows(rows, color=color, indices=indices)


def render_text(
    reports: list[ArticleReport], *, max_grade: float, color: bool = False, details: bool | None = None, indices: tuple[str, ...] = ()
) -> str:
    """Details for one article (or when asked), a one-line-per-article table for several."""
    if not reports:
        return "No articles.\n"
    if details is None:
        details = len(reports) == 1
    if not details:
        return render_summary(reports, max_grade=max_grade, color=color, indices=indices)
    return "\n".join(render_article(r, max_grade=max_grade, color=color, indices=indices) for r in reports)
