"""The website's pages as plain Markdown (with HTML) and their templates.

A renderer: it turns the plan into `Output` values and knows nothing of
MkDocs, which builds them into HTML in `build.mkdocs`.
"""
