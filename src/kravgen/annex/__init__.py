"""Stages 4-5: render the selected clauses (sandboxed Jinja2), then write the documents.

render -> outline (one outline of the document) -> docx_writer (with wordml) | markdown_writer.
"""
