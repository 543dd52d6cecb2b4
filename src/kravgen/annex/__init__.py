"""Stages 4-5: render the selected clauses (sandboxed Jinja2), then write the documents.

render -> outline (one outline of the document) -> docx_writer (with wordml and controls)
| markdown_writer; pdf converts the Word annex through LibreOffice (pdf_fixup mends the result).
"""
