"""Renderings of findings and diagnostics: text, JSON, SARIF, GitHub, JUnit."""
