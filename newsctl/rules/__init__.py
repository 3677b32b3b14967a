"""Rule modules. Importing this package registers every rule with the registry."""

from newsctl.rules import dates, hygiene, metadata, readability, structure, whitespace  # noqa: F401
