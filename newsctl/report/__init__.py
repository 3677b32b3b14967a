"""Reporters: pure functions from lint results to text (text, json, sarif, github)."""
