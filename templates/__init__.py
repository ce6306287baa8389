"""Jinja2 report templates and the reference .docx, installed as ``dpia.templates``."""
