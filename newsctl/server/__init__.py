"""The language server (`newsctl server`): newsctl's findings, fixes, hovers and outline in editors.

Imported only by that command: `newsctl lint` never pays for pygls.
"""
