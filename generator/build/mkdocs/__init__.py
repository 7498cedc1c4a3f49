"""MkDocs and Material behind one door: the site build, the search index, the split build.

No other module imports `mkdocs` or `material` (an import-linter contract).
"""
