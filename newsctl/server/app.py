"""`newsctl server`: the language server, on pygls, over stdio.

A thin layer: documents come from the editor, analysis.analyse() checks them exactly as
`newsctl lint` would, convert/features turn the result into LSP data. What this module adds is
timing and robustness:

- open and save check at once; changes are debounced per document: an isolated change is checked
  at once, a burst of changes at most once per `debounceMs` (changes that arrive while a check is
  waiting are folded into it), and only the changed document is checked;
- a change to a newsctl.toml or pyproject.toml (watched, or saved in the editor) re-checks every
  open document; a bad settings file is one diagnostic at the top of each article;
- a request that fails (a crashing rule or parser, a malformed request) gets an error response
  and the server goes on serving; a failed check becomes a diagnostic, never a dead server.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcParseError
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from newsctl import __version__
from newsctl.server import features
from newsctl.server.analysis import Analysis, Options, analyse, is_settings_file
from newsctl.server.convert import Lines, config_diagnostic, diagnostic, internal_error_diagnostic, rules_url_for

log = logging.getLogger("newsctl.server")


class _Rejected:
    """A request whose params could not be read: answered with an error, never dropped."""

    def __init__(self, msg_id: Any, method: str, error: JsonRpcException) -> None:
        self.id = msg_id
        self.method = method
        self.error = error


class Protocol(LanguageServerProtocol):
    """pygls's protocol, but a request with malformed params gets an InvalidParams response.

    pygls (2.1) logs such a request and sends nothing back, so the client would wait forever.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                cause = exc.__cause__ or exc
                detail = " ".join(str(cause).split())
                error = JsonRpcInvalidParams(f"Invalid params for {data['method']}: {detail}")
                return _Rejected(data["id"], str(data["method"]), error)
            raise

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Rejected):
            log.warning("rejected %s request %r: %s", message.method, message.id, message.error.message)
            self._send_response(message.id, error=message.error.to_response_error())
            return
        super().handle_message(message)


class NewsctlServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "newsctl",
            __version__,
            protocol_cls=Protocol,
            # Full, not Incremental: pygls (2.1) applies incremental edits to lines split with
            # str.splitlines, which also breaks at U+000B, U+000C, U+2028... (pasted from word
            # processors: rule H005), so an edit after one lands on the wrong line and the server's
            # copy of the text drifts from the editor's. An article's full text is ~10 kB a change.
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
        )
        self.options = Options()
        self.analyses: dict[str, Analysis] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}  # checks waiting for the debounce
        self._last_check: dict[str, float] = {}  # loop time of each document's last check

    @property
    def rules_url(self) -> str | None:
        return rules_url_for(self.options.rules_url)

    # --- errors ---------------------------------------------------------------------------------

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A body that is not JSON gets a Parse Error response (id null), as JSON-RPC asks.

        A malformed notification is logged (there is no request to answer); other errors also
        reach the writer as a message.
        """
        if isinstance(error, json.JSONDecodeError) or isinstance(error.__cause__, json.JSONDecodeError):
            log.warning("message is not JSON: %s", error)
            # written as a plain mapping: lsprotocol would drop the null id that JSON-RPC asks for here
            self.protocol._send_data(
                {"jsonrpc": "2.0", "id": None, "error": {"code": JsonRpcParseError.CODE, "message": f"Parse error: {error}"}}
            )
            return
        if isinstance(error, JsonRpcException):  # a notification the client got wrong: nobody to answer
            log.warning("ignored a malformed message: %s (%s)", error.message, error.__cause__ or "")
            return
        log.error("newsctl server error: %s", error)
        super().report_server_error(error, source)

    # --- documents ------------------------------------------------------------------------------

    @property
    def encoding(self) -> str | None:
        return self.workspace.position_encoding

    def _fallback_dir(self) -> Path | None:
        root = self.workspace.root_path
        return Path(root) if root else None

    def analysis(self, uri: str) -> Analysis:
        """The current check of a document: cached for its version, else done now."""
        doc = self.workspace.get_text_document(uri)
        cached = self.analyses.get(uri)
        if cached is not None and cached.version == doc.version and cached.text == doc.source:
            return cached
        path = _fs_path(uri)
        result = analyse(
            uri,
            doc.source,
            doc.version,
            path=path,
            language_id=doc.language_id,
            options=self.options,
            fallback_dir=self._fallback_dir(),
        )
        self.analyses[uri] = result
        return result

    def lines(self, analysis: Analysis) -> Lines | None:
        if analysis.article is None:
            return None
        return Lines(analysis.article.source, self.encoding, bom=analysis.text.startswith("\ufeff"))

    def check(self, uri: str) -> None:
        """Check a document and publish its diagnostics; a failure is published too."""
        self._cancel(uri)
        if uri not in self.workspace.text_documents:
            return
        version = self.workspace.get_text_document(uri).version
        try:
            result = self.analysis(uri)
            diagnostics = self.diagnostics(result)
        except Exception as exc:  # a bug in newsctl must not take the writer's editor down with it
            log.exception("checking %s failed", uri)
            self.analyses.pop(uri, None)
            diagnostics = [internal_error_diagnostic(exc)]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )
        self._last_check[uri] = asyncio.get_running_loop().time()

    def diagnostics(self, result: Analysis) -> list[types.Diagnostic]:
        if result.config_error is not None:
            config_uri = result.config_path.resolve().as_uri() if result.config_path else None
            return [config_diagnostic(result.config_error, config_uri)]
        lines = self.lines(result)
        if lines is None:
            return []
        return [diagnostic(f, lines, result.uri, self.rules_url) for f in result.findings]

    def schedule(self, uri: str) -> None:
        """Check soon: at once after a quiet spell, else when `debounceMs` has passed since the last check."""
        if uri in self._pending:
            return  # the waiting check will read the newest text
        loop = asyncio.get_running_loop()
        wait = self._last_check.get(uri, float("-inf")) + self.options.debounce_ms / 1000 - loop.time()
        self._pending[uri] = loop.call_later(max(0.0, wait), self._run_scheduled, uri)

    def _run_scheduled(self, uri: str) -> None:
        self._pending.pop(uri, None)
        self.check(uri)

    def _cancel(self, uri: str) -> None:
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def recheck_all(self) -> None:
        """Settings changed: every open article is checked again."""
        self.analyses.clear()
        for uri in list(self.workspace.text_documents):
            self.check(uri)


def _show_rule(href: str, rule: Any) -> types.ShowDocumentParams:
    """Open the rule's entry: a web page in the browser, a local rules.md in the editor at its heading."""
    if not href.startswith("file:"):
        return types.ShowDocumentParams(uri=href, external=True)
    uri = href.split("#", 1)[0]
    path = _fs_path(uri)
    heading = f"### {rule.code} {rule.name}"
    line = 0
    try:
        if path is not None:
            line = next((i for i, text in enumerate(path.read_text("utf-8").splitlines()) if text.strip() == heading), 0)
    except OSError:
        pass
    at = types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0))
    return types.ShowDocumentParams(uri=uri, external=False, take_focus=True, selection=at)


def _fs_path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def create_server() -> NewsctlServer:
    """The server with every feature registered (a function, so tests can build fresh ones)."""
    server = NewsctlServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewsctlServer, params: types.InitializeParams) -> None:
        ls.options, problems = Options.from_json(params.initialization_options)
        for problem in problems:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"newsctl: {problem}"))

    @server.feature(types.INITIALIZED)
    def initialized(ls: NewsctlServer, params: types.InitializedParams) -> None:
        dynamic = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if dynamic and dynamic.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in ("newsctl.toml", "pyproject.toml")]
            registration = types.Registration(
                id="newsctl-settings-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewsctlServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewsctlServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewsctlServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_settings_file(uri):
            ls.recheck_all()
        else:
            ls.check(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewsctlServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls._cancel(uri)
        ls.analyses.pop(uri, None)
        ls._last_check.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: NewsctlServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_settings_file(change.uri) for change in params.changes):
            ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: NewsctlServer, params: types.HoverParams) -> types.Hover | None:
        result = ls.analysis(params.text_document.uri)
        lines = ls.lines(result)
        return features.hover(result, lines, params.position, ls.rules_url) if lines else None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, features.KIND_EXPLAIN, features.KIND_FIX_ALL]
        ),
    )
    def code_action(ls: NewsctlServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        result = ls.analysis(params.text_document.uri)
        lines = ls.lines(result)
        if lines is None:
            return None
        return features.code_actions(result, lines, params.range, ls.rules_url, params.context.only) or None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: NewsctlServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        result = ls.analysis(params.text_document.uri)
        lines = ls.lines(result)
        return features.document_symbols(result, lines) if lines else None

    @server.command(features.EXPLAIN_COMMAND)
    def explain(ls: NewsctlServer, code: Any = None, *rest: Any) -> str:
        """Show a rule's explanation: its page when rulesUrl is set, else the text in a message."""
        if not isinstance(code, str) or (text := features.explain_text(code, ls.rules_url)) is None:
            raise JsonRpcInvalidParams(f"{features.EXPLAIN_COMMAND} expects a rule code such as H003, got {code!r}")
        from newsctl import rulebook
        from newsctl.server.convert import rule_href

        rule = rulebook.get(code)
        href = rule_href(ls.rules_url, rule.code, rule.name) if rule else None
        window = ls.client_capabilities.window
        if href and rule and window and window.show_document and window.show_document.support:
            ls.window_show_document(_show_rule(href, rule))
        else:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=text))
        return text

    return server


def serve() -> None:
    """Run the server on standard input and output until the client says exit (or closes them)."""
    create_server().start_io()
