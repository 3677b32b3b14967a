"""Batch export: which articles go, what their files are called, and writing them safely.

- Selection: link-out items (no body, front matter pointing elsewhere) are always skipped;
  drafts (status: draft), articles whose embargo is after `now` and articles
  dated after `now` are skipped unless included; with `strict`, an article with lint errors,
  or with output a validator would reject (`validate.problems`), fails.
- Paths: a file named twice (other spelling, symbolic link) is exported once (`unique_files`).
- Naming: `<slug or file stem><ext>`, reduced to [A-Za-z0-9._-]; the target must sit
  directly in the output directory, must not be a source article, a symbolic link,
  or a file already written in this run.
- Writing: `newsctl.atomic.write_atomic` (temporary file, then rename), so an
  interrupted export leaves the old file or none, never half a file.

Returns data (`BatchResult`); the CLI prints it and picks the exit status.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

from newsctl.export import FORMATS, render_doc
from newsctl.export.common import (  # noqa: F401 (MAX_NAME and safe_name re-exported)
    MAX_NAME,
    ExportDoc,
    ExportError,
    ExportOptions,
    default_name,
    iso,
    localize,
    prepare,
    safe_name,
)
from newsctl.settings import Settings
from newsctl.timeutil import as_utc_if_naive

EXPORTED, SKIPPED, FAILED = "exported", "skipped", "failed"


@dataclass(frozen=True)
class Selection:
    include_drafts: bool = False
    include_embargoed: bool = False
    strict: bool = False
    include_future: bool = False


@dataclass
class Item:
    path: str  # the source as shown to the user
    status: str  # exported | skipped | failed
    reason: str | None = None
    target: Path | None = None
    text: str | None = field(default=None, repr=False)  # the rendered output (kept only when asked)
    warnings: tuple[str, ...] = ()  # exported, but something is wrong (a link to a missing article)
    doc: ExportDoc | None = field(default=None, repr=False)  # what was exported (for the index page)


@dataclass
class BatchResult:
    items: list[Item]
    dry_run: bool = False

    def of(self, status: str) -> list[Item]:
        return [i for i in self.items if i.status == status]

    @property
    def exit_code(self) -> int:
        return 1 if self.of(FAILED) else 0


def unique_files(files: Iterable[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Each file once, judged by its real path (symbolic links resolved), keeping the first
    spelling: `../d/a.md ./a.md` or a link to a.md export a.md once."""
    seen: set[str] = set()
    out = []
    for path, shown in files:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            out.append((path, shown))
    return out


def _aware(dt: datetime) -> datetime:
    return as_utc_if_naive(dt)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


class Exporter:
    """Exports articles one by one into out_dir (None: render only, for --output)."""

    def __init__(
        self,
        fmt: str,
        options: ExportOptions,
        settings: Settings,
        out_dir: Path | None,
        selection: Selection = Selection(),
        dry_run: bool = False,
        sources: Iterable[Path] = (),
        keep_docs: bool = False,
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        self.fmt = fmt
        self.options = options
        self.settings = settings
        self.out_dir = Path(os.path.realpath(out_dir)) if out_dir is not None else None
        self.selection = selection
        self.dry_run = dry_run
        # a set: the check runs once per article, and a list made a 10,000-file export quadratic
        self.sources = {Path(os.path.realpath(p)) for p in sources}
        self.written: dict[Path, str] = {}  # target -> source shown
        self.keep_docs = keep_docs  # keep each exported ExportDoc on its Item (for the index page)
        if self.out_dir is not None and not dry_run:
            from newsctl.atomic import remove_leftovers

            remove_leftovers(self.out_dir)  # what a killed earlier run left behind

    def target_for(self, name: str) -> Path:
        assert self.out_dir is not None
        return self.out_dir / (safe_name(name) + FORMATS[self.fmt])

    def export(self, path: Path, shown: str, keep_text: bool = False) -> Item:
        return self.place(path, *self.render(path, shown), keep_text=keep_text)

    def render(self, path: Path, shown: str) -> tuple[Item, str | None]:
        """Select, prepare and render one article, touching no file (so it can run in a worker
        process): (an exported Item holding the text, the name to write it under), or (a skipped
        or failed Item, None)."""
        item, doc = prepare_path(path, shown, self.options, self.settings, self.selection)
        if doc is None:
            return item, None
        try:
            text = render_doc(doc, self.fmt, self.options)
        except ExportError as exc:
            return Item(shown, FAILED, str(exc)), None
        except Exception as exc:  # a renderer bug must not stop the batch or show a traceback
            from newsctl.engine import internal_error

            return Item(shown, FAILED, internal_error(exc, f"while rendering {self.fmt}")), None
        if self.selection.strict and self.fmt == "html" and not self.options.fragment:
            from newsctl.export.validate import problems

            found = problems(text)
            if found:
                more = f" and {len(found) - 1} more" if len(found) > 1 else ""
                return Item(shown, FAILED, f"--strict: the page would not validate: {found[0]}{more}"), None
        return Item(shown, EXPORTED, text=text, warnings=doc.warnings, doc=doc if self.keep_docs else None), doc.name

    def place(self, path: Path, rendered: Item, name: str | None, keep_text: bool = False) -> Item:
        """Check the target and write a rendered article, in input order in this process: the
        same-slug and source-file checks need every earlier article's target."""
        if rendered.status != EXPORTED or name is None or self.out_dir is None:
            return rendered
        shown, text, warnings, doc = rendered.path, rendered.text or "", rendered.warnings, rendered.doc
        target = self.target_for(name)
        problem = self._check_target(target, path)
        if problem:
            return Item(shown, FAILED, problem, target)
        self.written[target] = shown
        if not self.dry_run:
            from newsctl.atomic import write_atomic

            try:
                write_atomic(target, text)
            except OSError as exc:
                return Item(shown, FAILED, f"cannot write {target}: {exc.strerror or exc}", target)
            except Exception as exc:  # a writer bug: this article fails, the batch goes on
                from newsctl.engine import internal_error

                return Item(shown, FAILED, internal_error(exc, "while writing"), target)
        return Item(shown, EXPORTED, None, target, text if keep_text else None, warnings, doc)

    def _check_target(self, target: Path, source: Path) -> str | None:
        assert self.out_dir is not None
        if target.parent != self.out_dir:  # cannot happen with safe_name; kept as the last guard
            return f"output name {target.name!r} would leave the output directory"
        if target in self.written:
            return f"{target.name} is already written by {self.written[target]} in this run (same slug)"
        real_source = Path(os.path.realpath(source))
        if target == real_source or target in self.sources or _same_file(target, source):
            return f"{target} is a source article; refusing to overwrite it"
        if target.is_symlink():
            return f"{target} is a symbolic link; refusing to replace it"
        if target.exists() and not target.is_file():
            return f"{target} exists and is not a regular file"
        return None


def prepare_path(
    path: Path, shown: str, options: ExportOptions, settings: Settings, selection: Selection = Selection()
) -> tuple[Item, ExportDoc | None]:
    """Read, select and prepare one article: (an exported Item, its ExportDoc), or (a skipped or
    failed Item with the reason, None). The selection rules every export format shares (feeds too)."""
    from newsctl.parse import parse_file
    from newsctl.source import SourceError

    try:
        article = parse_file(path, shown, settings.site_format)
    except SourceError as exc:
        return Item(shown, FAILED, f"line {exc.line}, column {exc.column}: {exc.message}"), None
    except Exception as exc:  # a parser bug: this article fails, the batch goes on
        from newsctl.engine import internal_error

        return Item(shown, FAILED, f"line 1, column 1: {internal_error(exc, 'while reading')}"), None
    meta = article.meta
    if article.is_link_out:
        # front matter that sends readers to a story elsewhere, and no body: an empty page (or a
        # feed entry pointing at one) would publish nothing, so it is left to the site
        key = article.link_out_key or "source_url"
        target = article.front_matter.fields[key].value if key in article.front_matter.fields else ""
        return Item(shown, SKIPPED, f"link-out item: no body, readers are sent to {target} ({key})"), None
    if meta.status == "draft" and not selection.include_drafts:
        return Item(shown, SKIPPED, "draft (status: draft; use --include-drafts)"), None
    embargo = localize(meta.embargo, meta.embargo_is_bare, settings.site)
    if embargo and _aware(embargo) > settings.now and not selection.include_embargoed:
        return Item(shown, SKIPPED, f"embargoed until {iso(embargo)} (use --include-embargoed)"), None
    date = localize(meta.date, meta.date_is_bare, settings.site)
    if date and _aware(date) > settings.now and not selection.include_future:
        return Item(shown, SKIPPED, f"dated in the future ({iso(date, meta.date_is_bare)}; use --include-future)"), None
    if selection.strict:
        from newsctl.engine import lint_article
        from newsctl.findings import Severity

        errors = [f for f in lint_article(article, settings) if f.severity >= Severity.ERROR]
        if errors:
            first = errors[0]
            more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
            return (
                Item(
                    shown,
                    FAILED,
                    f"--strict: {len(errors)} lint error{'s' if len(errors) != 1 else ''}: "
                    f"line {first.line} {first.code} {first.message}{more}",
                ),
                None,
            )
    try:
        doc = prepare(article, safe_name(default_name(article)), options)
    except ExportError as exc:
        return Item(shown, FAILED, str(exc)), None
    except Exception as exc:  # a bug must not stop the batch or show a traceback
        from newsctl.engine import internal_error

        return Item(shown, FAILED, internal_error(exc, "while preparing")), None
    return Item(shown, EXPORTED), doc


def export_paths(
    files: list[tuple[Path, str]],
    fmt: str,
    options: ExportOptions,
    settings: Settings,
    out_dir: Path,
    selection: Selection = Selection(),
    dry_run: bool = False,
    on_item: Callable[[Item], None] | None = None,
    keep_docs: bool = False,
    jobs: int | None = None,
) -> BatchResult:
    """Export each (path, shown) pair into out_dir (a file named twice once: `unique_files`);
    one bad article never stops the others. Rendering runs in worker processes for large
    batches without keep_docs (`engine.map_files`, `jobs` as lint's); targets are checked and written here, in
    input order, so the files written are the same with and without workers."""
    from functools import partial

    from newsctl.engine import map_files

    files = unique_files(files)
    exporter = Exporter(fmt, options, settings, out_dir, selection, dry_run, sources=[p for p, _ in files], keep_docs=keep_docs)
    items: list[Item] = []
    sources = iter(files)

    def place(rendered: tuple[Item, str | None]) -> None:  # results arrive in input order
        item = exporter.place(next(sources)[0], *rendered)
        items.append(item)
        if on_item:
            on_item(item)

    if keep_docs:
        jobs = 1  # an ExportDoc (kept for --index) holds the Article, which does not pickle
    map_files(partial(_render_in_worker, exporter), files, jobs, place, keep=False)
    return BatchResult(items, dry_run)


def _render_in_worker(exporter: Exporter, item: tuple[Path, str]) -> tuple[Item, str | None]:
    return exporter.render(*item)
