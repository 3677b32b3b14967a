"""The review page: an article rendered as readers see it, with its findings and hard sentences drawn in.

How a source span becomes one element in the rendered page, robustly:

1. `markers` puts an unguessable text marker (`<nonce>o17`, `<nonce>c17`) into a copy of the
   Article's own markdown-it token stream at each range's source offsets: inline text tokens are
   split where the range starts and ends (their raw offsets located with a moving cursor, as
   `newsctl.parse` locates them), code blocks get the markers in their content, and raw HTML and
   rules get a source box (a code block showing their source) that holds them.
2. The export renderer (`newsctl.export.html.render_body`) renders and sanitizes those tokens
   exactly as `newsctl export` does; the markers are plain text, so they survive unchanged.
3. `wrap` parses the sanitized fragment into a small tree and wraps everything between the two
   markers of a range in one element, lifting the ends to their common parent when a range
   crosses inline markup (`**`, links, raw HTML), so the result always nests and each range
   gives exactly one element.
"""
