"""Where each rule is documented: the anchor of its section in docs/rules.md.

JSON `url`, SARIF `helpUri` and the GitLab report point at the same page. The base is the
published docs/rules.md of the newsctl repository; NEWSCTL_DOCS_URL points it elsewhere
(a fork, an internal mirror).
"""

from __future__ import annotations

import os
import re

DEFAULT_RULES_URL = "https://github.com/newsctl/newsctl/blob/main/docs/rules.md"


def anchor(code: str, name: str) -> str:
    """The GitHub-style heading anchor of `### CODE name` in docs/rules.md."""
    return re.sub(r"[^a-z0-9 -]", "", f"{code} {name}".lower()).replace(" ", "-")


def rule_url(code: str, name: str) -> str:
    base = os.environ.get("NEWSCTL_DOCS_URL") or DEFAULT_RULES_URL
    return f"{base}#{anchor(code, name)}"
