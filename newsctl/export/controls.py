"""The control-character filter every exported document passes through.

A leaf module: the sanitizer (`export.sanitize`) and the shared export helpers
(`export.common`) both use it, and neither imports the other for it.
"""

from __future__ import annotations

import re

# Control characters no exported document may carry: C0 except tab, newline and carriage
# return; DEL; C1 (U+0080-U+009F). HTML forbids them, XML 1.0 forbids most of them, and
# JSON consumers put them into HTML. Word pastes bring them in (U+000B is Word's manual
# line break). The line-break ones (VT, FF, NEL) become a space; the others are removed.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_AS_SPACE = frozenset("\x0b\x0c\x85")
# In JSON text: an escape sequence (\\ and \" included, so escaped backslashes are skipped whole).
_JSON_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|(.))', re.S)
_JSON_CONTROL_ESCAPE = re.compile(r"\\[ubf]")  # "\\u" in text or "\\b" in text or "\\f" in text
# In HTML text: a numeric character reference (a literal "&#11;" in prose is written "&amp;#11;").
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?")


def _control(char: str) -> str:
    return " " if char in _AS_SPACE else ""


def _json_escape(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else {"b": 8, "f": 12}.get(match.group(2), -1)
    if 0 <= code <= 0x10FFFF and CONTROLS.match(chr(code)):
        return _control(chr(code))
    return match.group()


def _char_ref(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if code <= 0x10FFFF and CONTROLS.match(chr(code)):
        return _control(chr(code))
    return match.group()


def strip_controls(text: str, json_text: bool = False, html: bool = False) -> str:
    """text without control characters (see CONTROLS): VT, FF and NEL become a space, the rest go.

    The one filter every exporter's output passes through (`render_doc`, `render_feed`).
    json_text=True: text is serialized JSON, so escapes such as \\u000b and \\f are filtered too;
    html=True: text is HTML, so numeric character references such as &#11; are filtered too.
    """
    # only \uXXXX, \b and \f can stand for a control; without them the escapes (\" \\ \n ...,
    # hundreds in a ninjs body) need no look (issue 12: a Python call each)
    # (one regex search with a literal prefix: 5x cheaper than three `in` on a ninjs document)
    if json_text and _JSON_CONTROL_ESCAPE.search(text):
        text = _JSON_ESCAPE.sub(_json_escape, text)
    if html and "&#" in text:
        text = _CHAR_REF.sub(_char_ref, text)
    # every control is a Cc, never printable: most paragraphs stop at the first test, and a whole
    # document (lines of printable text) at the second, a C scan where the regex below tries
    # each character (issue 12; tests/test_export_speed.py)
    if text.isprintable() or ("\n" in text and text.replace("\n", "").isprintable()):
        return text
    return CONTROLS.sub(lambda m: _control(m.group()), text)
