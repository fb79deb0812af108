"""Quality audits of call-centre transcript tables: `phraselint audit` (one row per turn in, one row
per finding and a summary out), its parallel and distributed runs, and the dashboard page (dashboard.py, charts.py, worst_calls.py)."""
