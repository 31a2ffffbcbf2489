"""Outlet rules: the rule-file format, its safe loading, which outlet a record is, and
applying an outlet's text rules to a document's blocks.

A new outlet rule touches only this folder (and its YAML file in ``rules/``). It sits
below the engine: nothing here imports the engine, the html stage or the heuristics.
"""
