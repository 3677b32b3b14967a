"""The end-of-run report of `newsctl export` and `newsctl feed`, as plain text.

Both commands list what they skipped, what failed and what was exported with a warning in
the same words; the CLI only prints the text this module returns (to standard error).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from newsctl.export.batch import BatchResult, Item
    from newsctl.export.common import ExportDoc

_LINE_PREFIX = re.compile(r"^line (\d+)(?:, column (\d+))?: ")


def located(path: str, reason: str) -> str:
    """A failure as `path:line:col: message`, the form editors and terminals jump to.

    Exporters give reasons like "line 2, column 5: ..." or "line 2: ..."; a reason without a
    line (a template error, a slug taken by another article) stays `path: reason`.
    """
    m = _LINE_PREFIX.match(reason)
    if m:
        return f"{path}:{m.group(1)}:{m.group(2) or 1}: {reason[m.end():]}"
    return f"{path}: {reason}"


def item_lines(skipped: Sequence[Item], failed: Sequence[Item], warned: Iterable[tuple[str, str]]) -> list[str]:
    """Each skipped and failed article with its reason, then each warning (exported, but wrong)."""
    lines: list[str] = []
    if skipped:
        lines.append("Skipped:")
        lines.extend(f"  {i.path}: {i.reason}" for i in skipped)
    if failed:
        lines.append("Failed:")
        lines.extend(f"  {located(i.path, i.reason or '')}" for i in failed)
    warned = list(warned)
    if warned:
        lines.append("Warnings:")
        lines.extend(f"  {path}: {w}" for path, w in warned)
    return lines


def export_summary(result: BatchResult, output_dir: Path, fmt: str, site_files: list[Path] | None = None) -> str:
    """`newsctl export`: counts, the site files written, then `item_lines`."""
    from newsctl.export.batch import FAILED, SKIPPED

    exported = len(result.of("exported"))
    skipped = result.of(SKIPPED)
    failed = result.of(FAILED)
    verb = "Would export" if result.dry_run else "Exported"
    noun = "article" if exported == 1 else "articles"
    lines = [f"{verb} {exported} {noun} ({fmt}) to {output_dir}/, skipped {len(skipped)}, failed {len(failed)}."]
    if site_files:
        lines.append(f"{'Would write' if result.dry_run else 'Wrote'} {', '.join(p.name for p in site_files)}.")
        if not any(p.name == "news-sitemap.xml" for p in site_files):
            lines.append("Not written: news-sitemap.xml (no article published in the two days before --now).")
    lines += item_lines(skipped, failed, ((i.path, w) for i in result.of("exported") for w in i.warnings))
    return "\n".join(lines)


def feed_summary(items: Sequence[Item], docs: Sequence[ExportDoc], fmt: str, limit: int, where: str) -> str:
    """`newsctl feed`: how many entries went where (the newest `limit`), then `item_lines`."""
    from newsctl.export.batch import FAILED, SKIPPED

    entries = min(len(docs), limit)
    skipped = [i for i in items if i.status == SKIPPED]
    failed = [i for i in items if i.status == FAILED]
    noun = "entry" if entries == 1 else "entries"
    dropped = f" (newest {limit} of {len(docs)})" if len(docs) > limit else ""
    lines = [f"Feed ({fmt}): {entries} {noun}{dropped} written to {where}, skipped {len(skipped)}, failed {len(failed)}."]
    lines += item_lines(skipped, failed, ((d.article.path, w) for d in docs for w in d.warnings))
    return "\n".join(lines)
