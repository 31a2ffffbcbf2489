"""Judging output against expected output: metrics, labelled corpus cases, corpus
scoring and the examples of rule files.

This folder sits above the engine: it runs ``Cleaner`` and compares its bodies with gold.
"""
