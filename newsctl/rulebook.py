"""Every rule, loaded: the plugin host.

The registry (`newsctl.registry`) only holds what has been registered and imports no rule;
the rule modules import the registry to register themselves. Whatever needs every rule (the
settings validator, `newsctl rules`, the SARIF rule table, the docs) asks this module, whose
import loads the rule package once.
"""

from __future__ import annotations

import newsctl.rules  # noqa: F401  (registers every rule)
from newsctl.registry import OPTIONS, RULES, Option, Rule, all_rules, get, is_valid_selector, matches

__all__ = ["OPTIONS", "RULES", "Option", "Rule", "all_rules", "get", "is_valid_selector", "matches"]
