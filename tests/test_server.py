"""`newsctl server` driven by a real LSP client (pytest-lsp) over stdio, as an editor drives it."""

from __future__ import annotations

import asyncio
import sys
import textwrap
from collections import defaultdict
from pathlib import Path
from typing import Awaitable, Union

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

HERE = Path(__file__).resolve().parent
NOW = "2024-03-07T12:00:00Z"
RULES_URL = "https://example.com/newsctl/docs/rules.md"
SERVER = [sys.executable, "-m", "newsctl", "server", "--stdio"]
CRASHING_SERVER = [sys.executable, str(HERE / "lsp_crashing_server.py")]

ARTICLE = textwrap.dedent(
    """\
    ---
    title: Council approves budget
    date: 2024-03-06T18:00:00+01:00
    updated: 2024-03-05T09:00:00+01:00
    author: Jane Doe
    summary: The council passed the budget.
    ---

    The council approved the the budget yesterday after a six-hour debate.

    ## Reaction

    Opposition members said the increase would hurt small businesses.

    ## Reaction

    The mayor said the vote on March 6 was final.
    """
)


def capabilities(*, watch: bool = True, show_document: bool = True) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch),
        ),
        window=types.WindowClientCapabilities(
            show_document=types.ShowDocumentClientCapabilities(support=show_document),
        ),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True),
        ),
    )


async def start(client: LanguageClient, root: Path, **options: object) -> types.InitializeResult:
    init = {"now": NOW, "rulesUrl": RULES_URL, **options}
    return await client.initialize_session(
        types.InitializeParams(capabilities=capabilities(), root_uri=root.as_uri(), initialization_options=init)
    )


def make_client() -> LanguageClient:
    """pytest-lsp's client, which also accepts the server's file-watcher registration (and keeps it)."""
    client = pytest_lsp.make_test_lsp_client()
    client.registrations = []  # type: ignore[attr-defined]
    # every publishDiagnostics, per document, kept in order (waiting for "the next notification"
    # would miss one that arrives while the waiter handles another)
    client.published = defaultdict(list)  # type: ignore[attr-defined]
    keep_last = client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params: types.PublishDiagnosticsParams) -> None:
        client.published[params.uri].append(params)  # type: ignore[attr-defined]
        keep_last(params)

    client.protocol.fm._features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    converter = client.protocol._converter

    def command_or_action(obj: dict, _: object) -> types.Command | types.CodeAction:
        # lsprotocol's own hook reads any item with a "command" key as a Command, so a CodeAction
        # that runs a command would lose its kind and title; editors tell them apart by its type
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, types.Command)
        return converter.structure(obj, types.CodeAction)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], command_or_action)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    return client


# One server for most tests (each test opens its own files, in its own directory), started once:
# starting a server costs more than all the requests of a test together.
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client), scope="module")
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    lsp_client.init_result = await start(lsp_client, tmp_path_factory.mktemp("workspace"))  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


# A server of its own, for tests of initialization and shutdown.
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client), loop_scope="module")
async def fresh_client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=CRASHING_SERVER, client_factory=make_client), scope="module")
async def crashing_client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    await start(lsp_client, tmp_path_factory.mktemp("workspace"))
    yield
    await lsp_client.shutdown_session()


def next_diagnostics(client: LanguageClient, uri: str) -> Awaitable[types.PublishDiagnosticsParams]:
    """The first diagnostics published for `uri` after this call (counted now, awaited later)."""
    seen = client.published[uri]  # type: ignore[attr-defined]
    start = len(seen)

    async def wait() -> types.PublishDiagnosticsParams:
        while len(seen) <= start:
            await asyncio.sleep(0.01)
        return seen[start]

    return asyncio.wait_for(wait(), 20)


async def diagnostics_of_version(client: LanguageClient, uri: str, version: int) -> list[int]:
    """Wait for the diagnostics of one version of `uri`; the versions published, in order."""
    seen = client.published[uri]  # type: ignore[attr-defined]

    async def wait() -> None:
        while not any(p.version == version for p in seen):
            await asyncio.sleep(0.01)

    await asyncio.wait_for(wait(), 20)
    return [p.version for p in seen]


async def open_article(client: LanguageClient, path: Path, text: str = ARTICLE) -> list[types.Diagnostic]:
    uri = path.as_uri()
    waiting = asyncio.ensure_future(next_diagnostics(client, uri))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text))
    )
    return list((await waiting).diagnostics)


def edited(text: str, at: types.Range, new_text: str) -> str:
    """The text after an LSP edit (ASCII lines here, so characters are UTF-16 units)."""
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[: at.start.line]) + at.start.character
    end = sum(len(x) + 1 for x in lines[: at.end.line]) + at.end.character
    return text[:start] + new_text + text[end:]


def change(client: LanguageClient, path: Path, version: int, text: str) -> None:
    """didChange with the whole text, as the server asks (TextDocumentSyncKind.Full)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def summary(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int, str]]:
    out = []
    for d in diagnostics:
        r = d.range
        out.append((str(d.code), r.start.line, r.start.character, r.end.line, r.end.character, d.severity.name))
    return out


def pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def rng(line: int, character: int, end_line: int, end_character: int) -> types.Range:
    return types.Range(start=pos(line, character), end=pos(end_line, end_character))


# --- initialize, open -------------------------------------------------------------------------


async def test_initialize_announces_what_the_server_does(client: LanguageClient):
    result = client.init_result
    caps = result.capabilities
    assert result.server_info is not None and result.server_info.name == "newsctl"
    assert caps.hover_provider
    assert caps.document_symbol_provider
    assert caps.code_action_provider is not None
    assert caps.execute_command_provider is not None and list(caps.execute_command_provider.commands) == ["newsctl.explain"]
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Full
    assert caps.text_document_sync.save
    for _ in range(200):  # the registration request follows the initialized notification
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    [registration] = client.registrations
    assert registration.method == "workspace/didChangeWatchedFiles"
    assert [w["globPattern"] for w in registration.register_options["watchers"]] == ["**/newsctl.toml", "**/pyproject.toml"]


async def test_open_publishes_every_finding_with_code_link_severity_and_related_lines(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "budget.md"
    diagnostics = await open_article(client, path)
    assert summary(diagnostics) == [
        ("D005", 3, 9, 3, 34, "Error"),
        ("H003", 8, 21, 8, 28, "Warning"),
        ("D009", 8, 36, 8, 45, "Warning"),
        ("S004", 14, 0, 14, 11, "Warning"),
    ]
    by_code = {str(d.code): d for d in diagnostics}
    h003 = by_code["H003"]
    assert h003.source == "newsctl"
    assert h003.message == 'Doubled word: "the the"\nDelete one "the"'
    assert h003.code_description.href == f"{RULES_URL}#h003-doubled-word"
    s004 = by_code["S004"]
    assert s004.message.startswith('Heading "Reaction" repeats the heading on line 11')
    [related] = s004.related_information
    assert related.location.uri == path.as_uri()
    assert related.location.range == rng(10, 0, 10, 11)
    assert related.message == "The first heading with this text"
    [date_related] = by_code["D005"].related_information
    assert date_related.location.range == rng(2, 6, 2, 31)
    assert by_code["D009"].message.startswith("'yesterday' means Tuesday, March 5, 2024 here")


async def test_positions_are_utf16_code_units(client: LanguageClient, tmp_path: Path):
    text = ARTICLE.replace("The council approved", "🗳️ The council approved")
    diagnostics = await open_article(client, tmp_path / "emoji.md", text)
    h003 = next(d for d in diagnostics if d.code == "H003")
    # the ballot box is one code point for newsctl but two UTF-16 units, and U+FE0F one more
    assert (h003.range.start.character, h003.range.end.character) == (21 + 4, 28 + 4)


async def test_a_client_that_counts_in_utf8_gets_byte_columns(fresh_client: LanguageClient, tmp_path: Path):
    client = fresh_client
    caps = capabilities()
    caps.general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8])
    result = await client.initialize_session(
        types.InitializeParams(capabilities=caps, root_uri=tmp_path.as_uri(), initialization_options={"now": NOW})
    )
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    text = ARTICLE.replace("The council approved", "🗳️ The council approved")
    diagnostics = await open_article(client, tmp_path / "emoji.md", text)
    h003 = next(d for d in diagnostics if d.code == "H003")
    assert (h003.range.start.character, h003.range.end.character) == (21 + 8, 28 + 8)  # 4 + 3 + 1 bytes


async def test_edits_after_a_pasted_control_character_stay_on_their_line(client: LanguageClient, tmp_path: Path):
    # U+000B is a line break for str.splitlines but not for LSP or newsctl
    path = tmp_path / "pasted.md"
    text = ARTICLE.replace("## Reaction\n\nOpposition", "## Reaction\n\nPasted\x0bfrom Word. Opposition")
    diagnostics = await open_article(client, path, text)
    assert ("H005", 12, 6) in [(d.code, d.range.start.line, d.range.start.character) for d in diagnostics]
    waiting = asyncio.ensure_future(next_diagnostics(client, path.as_uri()))
    at = text.splitlines()[8].index("the the") + 4
    change(client, path, 2, edited(text, rng(8, at, 8, at + 4), ""))
    assert "H003" not in [d.code for d in (await waiting).diagnostics]


async def test_files_that_are_not_articles_get_no_diagnostics(client: LanguageClient, tmp_path: Path):
    assert await open_article(client, tmp_path / "notes.txt", "the the\n") == []


# --- change -----------------------------------------------------------------------------------


async def test_change_rechecks_only_the_changed_document_with_the_newest_text(client: LanguageClient, tmp_path: Path):
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    await open_article(client, first)
    await open_article(client, second)
    untouched = client.diagnostics[second.as_uri()]

    # a burst of edits, as fast typing sends them: remove "the " one character at a time
    at = ARTICLE.splitlines()[8].index("the the") + 4
    text = ARTICLE
    for version in range(2, 6):
        text = edited(text, rng(8, at, 8, at + 1), "")
        change(client, first, version, text)
    await diagnostics_of_version(client, first.as_uri(), 5)
    params = client.published[first.as_uri()][-1]
    assert params.version == 5
    assert [d.code for d in params.diagnostics] == ["D005", "D009", "S004"]
    # a round trip to the server: anything it published for the other document would be here by now
    await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=second.as_uri()), position=pos(0, 0)))
    assert client.diagnostics[second.as_uri()] is untouched


async def test_a_burst_of_changes_is_checked_once_or_twice_not_once_per_change(fresh_client: LanguageClient, tmp_path: Path):
    client = fresh_client
    await start(client, tmp_path, debounceMs=1000)
    path = tmp_path / "burst.md"
    await open_article(client, path)
    text = ARTICLE
    for version in range(2, 12):  # ten keystrokes: "x" typed at the end of line 9
        end = len(ARTICLE.splitlines()[8]) + version - 2
        text = edited(text, rng(8, end, 8, end), "x")
        change(client, path, version, text)
    published = (await diagnostics_of_version(client, path.as_uri(), 11))[1:]  # after the one for opening
    # the first change may be checked at once; the others wait for the debounce and are checked together
    assert len(published) <= 2 and published[-1] == 11


async def test_save_checks_again_and_close_clears(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "budget.md"
    await open_article(client, path)
    waiting = asyncio.ensure_future(next_diagnostics(client, path.as_uri()))
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri())))
    assert len((await waiting).diagnostics) == 4
    waiting = asyncio.ensure_future(next_diagnostics(client, path.as_uri()))
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri())))
    assert list((await waiting).diagnostics) == []


# --- code actions and the explain command -----------------------------------------------------


async def code_actions(client: LanguageClient, path: Path, at: types.Range) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=at,
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    return list(result or [])


async def test_code_actions_offer_the_fix_a_disable_comment_and_an_explanation(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "budget.md"
    await open_article(client, path)
    actions = await code_actions(client, path, rng(8, 22, 8, 22))
    assert [(a.title, a.kind) for a in actions] == [
        ('Remove the second "the" (H003)', "quickfix"),
        ("Disable H003 for this line", "quickfix"),
        ("Explain H003 (doubled-word)", "quickfix.newsctl.explain"),
        ("Apply every safe newsctl fix (1)", "source.fixAll.newsctl"),
    ]
    fix, disable, explain, _ = actions
    assert fix.is_preferred
    assert list(fix.edit.changes[path.as_uri()]) == [types.TextEdit(range=rng(8, 24, 8, 28), new_text="")]
    assert fix.diagnostics[0].code == "H003"
    end = len(ARTICLE.splitlines()[8])
    assert list(disable.edit.changes[path.as_uri()]) == [
        types.TextEdit(range=rng(8, end, 8, end), new_text=" <!-- newsctl: disable-line H003 -->")
    ]
    assert explain.command.command == "newsctl.explain" and list(explain.command.arguments) == ["H003"]


async def test_disable_action_silences_the_finding_once_applied(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "budget.md"
    await open_article(client, path)
    disable = (await code_actions(client, path, rng(8, 22, 8, 22)))[1]
    [edit] = disable.edit.changes[path.as_uri()]
    waiting = asyncio.ensure_future(next_diagnostics(client, path.as_uri()))
    change(client, path, 2, edited(ARTICLE, edit.range, edit.new_text))
    assert [d.code for d in (await waiting).diagnostics] == ["D005", "D009", "S004"]
    # on that line, the next disable action adds its code to the comment already there
    disable_d009 = next(a for a in await code_actions(client, path, rng(8, 40, 8, 40)) if a.title == "Disable D009 for this line")
    [added] = disable_d009.edit.changes[path.as_uri()]
    comment_end = len(ARTICLE.splitlines()[8]) + len(" <!-- newsctl: disable-line H003")
    assert added == types.TextEdit(range=rng(8, comment_end, 8, comment_end), new_text=" D009")


async def test_no_disable_comment_is_offered_in_the_front_matter(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "budget.md"
    await open_article(client, path)
    titles = [a.title for a in await code_actions(client, path, rng(3, 12, 3, 12))]
    assert titles == ["Explain D005 (updated-before-date)", "Apply every safe newsctl fix (1)"]


async def test_fix_all_applies_every_safe_fix_when_asked_for_source_actions(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "fixes.md"
    text = ARTICLE.replace("author: Jane Doe", "athor: Jane Doe")
    text = text.replace("Opposition members said", "Opposition members said said")
    await open_article(client, path, text)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=rng(0, 0, 0, 0),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    [fix_all] = result
    assert (fix_all.title, fix_all.kind) == ("Apply every safe newsctl fix (3)", "source.fixAll.newsctl")
    fixed = text
    for edit in sorted(fix_all.edit.changes[path.as_uri()], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        fixed = edited(fixed, edit.range, edit.new_text)
    assert fixed == ARTICLE.replace("the the budget", "the budget")


async def test_explain_command_shows_the_rule_page_or_its_text(client: LanguageClient, tmp_path: Path):
    client.shown_documents.clear()
    text = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="newsctl.explain", arguments=["H003"]))
    assert text.startswith("H003 doubled-word (hygiene, warning)\n\nA word is repeated")
    assert "Why it matters:" in text
    assert [d.uri for d in client.shown_documents] == [f"{RULES_URL}#h003-doubled-word"]
    with pytest.raises(JsonRpcException, match="expects a rule code"):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(command="newsctl.explain", arguments=["X999"]))


# --- hover ------------------------------------------------------------------------------------


async def hover_text(client: LanguageClient, path: Path, at: types.Position) -> str | None:
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=at)
    )
    return None if result is None else result.contents.value


async def test_hover_explains_findings_dates_and_sections(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "budget.md"
    await open_article(client, path)
    on_finding = await hover_text(client, path, pos(8, 24))
    assert on_finding.startswith('**H003 doubled-word** (hygiene, warning): Doubled word: "the the"\n\n*Delete one "the"*')
    assert "**What it checks:**" in on_finding and "**Example:**\n\n```markdown\nThe the council" in on_finding
    assert on_finding.endswith(f"[H003 in the rules reference]({RULES_URL}#h003-doubled-word)")

    on_yesterday = await hover_text(client, path, pos(8, 42))
    assert "**yesterday** means **Tuesday, March 5, 2024** (counted from the publication date, Wednesday, March 6, 2024)" in on_yesterday
    on_march = await hover_text(client, path, pos(16, 30))
    assert on_march.startswith("**March 6** is **Wednesday, March 6, 2024**, the publication day (no year written:")

    on_heading = await hover_text(client, path, pos(10, 4))
    assert on_heading == "**Reaction**: 9 words, 0:02 reading, grade 8.9"
    assert await hover_text(client, path, pos(12, 3)) is None  # plain prose: nothing to say


# --- symbols ----------------------------------------------------------------------------------


async def test_document_symbols_are_the_outline(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "outline.md"
    text = ARTICLE.replace("## Reaction\n\nOpp", "## Reaction\n\n### From the opposition\n\nOpp").replace("## Reaction\n\nThe mayor", "## Next\n\nThe mayor")
    await open_article(client, path, text)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )

    def tree(items):
        return [(s.name, s.range.start.line, s.range.end.line, tree(s.children or [])) for s in items]

    assert tree(symbols) == [
        ("Lead", 8, 8, []),
        ("Reaction", 10, 14, [("From the opposition", 12, 14, [])]),
        ("Next", 16, 18, []),
    ]
    assert symbols[0].kind == types.SymbolKind.String
    assert symbols[2].detail.startswith("10 words, 0:03 reading, grade")
    assert symbols[1].selection_range == rng(10, 0, 10, 11)


# --- settings ---------------------------------------------------------------------------------


async def settings_changed(client: LanguageClient, config: Path, uri: str) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(next_diagnostics(client, uri))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)])
    )
    return list((await waiting).diagnostics)


async def test_settings_changes_recheck_and_a_bad_file_is_one_clear_diagnostic(client: LanguageClient, tmp_path: Path):
    articles = tmp_path / "articles"
    articles.mkdir()
    path = articles / "budget.md"
    assert len(await open_article(client, path)) == 4

    config = tmp_path / "newsctl.toml"
    config.write_text('ignore = ["H003", "dates"]\n', encoding="utf-8")
    assert [d.code for d in await settings_changed(client, config, path.as_uri())] == ["S004"]

    config.write_text('ignroe = ["H003"]\n', encoding="utf-8")
    [bad] = await settings_changed(client, config, path.as_uri())
    assert bad.code == "config" and bad.severity == types.DiagnosticSeverity.Error
    assert bad.range == rng(0, 0, 0, 0)
    assert bad.message == (
        f"newsctl settings error, nothing was checked: {config}:1: unknown key 'ignroe' (did you mean 'ignore'?)"
    )
    assert bad.related_information[0].location.uri == config.as_uri()
    # the server is still serving: hover answers, and fixing the file brings the findings back
    assert await hover_text(client, path, pos(8, 24)) is None
    config.write_text('[severity]\nS004 = "error"\n', encoding="utf-8")
    fixed = await settings_changed(client, config, path.as_uri())
    assert [(d.code, d.severity.name) for d in fixed][-1] == ("S004", "Error")


async def test_settings_come_from_the_documents_own_project(client: LanguageClient, tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.newsctl]\nignore = ["S004"]\n', encoding="utf-8")
    (tmp_path / "b" / "newsctl.toml").write_text('exclude = ["drafts/**"]\n', encoding="utf-8")
    (tmp_path / "b" / "drafts").mkdir()
    in_a = await open_article(client, tmp_path / "a" / "x.md")
    in_b = await open_article(client, tmp_path / "b" / "x.md")
    excluded = await open_article(client, tmp_path / "b" / "drafts" / "x.md")
    assert "S004" not in [d.code for d in in_a]
    assert "S004" in [d.code for d in in_b]
    assert excluded == []


async def test_bad_initialization_options_are_reported_not_fatal(fresh_client: LanguageClient, tmp_path: Path):
    client = fresh_client
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(), root_uri=tmp_path.as_uri(), initialization_options={"now": "yesterday", "debounce": 5}
        )
    )
    messages = sorted(m.message for m in client.messages)
    assert messages[0].startswith("newsctl: initializationOptions.now: --now:")
    assert messages[1] == "newsctl: initializationOptions: unknown keys debounce (known: now, rulesUrl, debounceMs)"
    # without rulesUrl, diagnostics link to the docs/rules.md of this source checkout,
    # and "explain" opens it at the rule's heading
    rules_md = HERE.parent / "docs" / "rules.md"
    diagnostics = await open_article(client, tmp_path / "x.md")
    assert len(diagnostics) >= 3
    s004 = next(d for d in diagnostics if d.code == "S004")
    assert s004.code_description.href == rules_md.as_uri() + "#s004-duplicate-heading"
    await client.workspace_execute_command_async(types.ExecuteCommandParams(command="newsctl.explain", arguments=["S004"]))
    [shown] = client.shown_documents
    heading = rules_md.read_text("utf-8").splitlines().index("### S004 duplicate-heading")
    assert (shown.uri, shown.external, shown.selection.start.line) == (rules_md.as_uri(), False, heading)


async def test_rules_url_empty_turns_links_off_and_explain_shows_the_text(fresh_client: LanguageClient, tmp_path: Path):
    client = fresh_client
    await start(client, tmp_path, rulesUrl="")
    diagnostics = await open_article(client, tmp_path / "x.md")
    assert len(diagnostics) >= 3 and all(d.code_description is None for d in diagnostics)
    await client.workspace_execute_command_async(types.ExecuteCommandParams(command="newsctl.explain", arguments=["S004"]))
    assert client.shown_documents == []
    [message] = client.messages
    assert message.message.startswith("S004 duplicate-heading (structure, warning)")


# --- shutdown, malformed requests, crashes -----------------------------------------------------


async def test_shutdown_and_exit_end_the_process_cleanly(fresh_client: LanguageClient, tmp_path: Path):
    client = fresh_client
    await start(client, tmp_path)
    await client.shutdown_async(None)
    client.exit(None)
    assert await asyncio.wait_for(client._server.wait(), 20) == 0
    client.capabilities = None  # already shut down: the fixture has nothing left to do


async def raw_request(client: LanguageClient, method: str, params: dict) -> object:
    """Send params as given, without the client's own type checks (which would refuse them)."""
    proto = client.protocol
    known = proto.get_message_type
    proto.get_message_type = lambda name: None if name == method else known(name)  # type: ignore[method-assign]
    try:
        return await asyncio.wait_for(proto.send_request_async(method, params), 20)
    finally:
        proto.get_message_type = known  # type: ignore[method-assign]


async def test_malformed_and_unknown_requests_get_error_responses(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "budget.md"
    await open_article(client, path)
    with pytest.raises(JsonRpcException) as bad:
        await raw_request(client, types.TEXT_DOCUMENT_HOVER, {"textDocument": {"uri": 42}})
    assert bad.value.code == -32602
    assert "Invalid params for textDocument/hover" in bad.value.message
    with pytest.raises(JsonRpcException) as unknown:
        await client.protocol.send_request_async("newsctl/noSuchMethod", {})
    assert unknown.value.code == -32601
    with pytest.raises(JsonRpcException) as not_open:
        await hover_text(client, tmp_path / "never-opened.md", pos(0, 0))
    assert not_open.value.code == -32603
    assert (await hover_text(client, path, pos(8, 24))).startswith("**H003 doubled-word**")  # still serving


async def test_a_crashing_rule_is_reported_and_the_others_still_run(crashing_client: LanguageClient, tmp_path: Path):
    diagnostics = await open_article(crashing_client, tmp_path / "budget.md")
    crash = next(d for d in diagnostics if d.code == "H900")
    assert crash.message == "Internal error in rule H900 (crashing-rule): RuntimeError: this rule always fails (a bug in newsctl: please report it with this file)"
    assert {"D005", "H003", "S004"} <= {str(d.code) for d in diagnostics}


async def test_a_crash_while_answering_is_an_error_response_and_the_server_keeps_serving(
    crashing_client: LanguageClient, tmp_path: Path
):
    bad, good = tmp_path / "bad.md", tmp_path / "good.md"
    [internal] = await open_article(crashing_client, bad, ARTICLE + "\nCRASH THE PARSER\n")
    assert internal.code == "internal-error"
    assert internal.message.startswith("newsctl could not check this document: RuntimeError: the parser fails on purpose")
    with pytest.raises(JsonRpcException) as failed:
        await hover_text(crashing_client, bad, pos(8, 24))
    assert failed.value.code == -32603
    assert "the parser fails on purpose" in failed.value.message
    assert len(await open_article(crashing_client, good)) >= 4
    assert (await hover_text(crashing_client, good, pos(8, 24))).startswith("**H003 doubled-word**")
