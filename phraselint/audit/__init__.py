"""Audits of whole transcript tables (`phraselint audit`): findings and summary tables, and
the dashboard page a quality manager reads (dashboard.py)."""
