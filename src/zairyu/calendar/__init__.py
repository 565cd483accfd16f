"""The calendar of a stay: period arithmetic, the administrative calendar and every deadline."""

RULES_VERSION = "2026-12-05.5"
"""The version of the calendar's rules: how deadlines are computed from facts and law (not how they are
worded). Stored deadlines record it (``computed_by``); a new version makes ``zairyu db upgrade`` recompute
the people it computed. Bump it with every change to the calendar's answers —
``tests/calendar/test_rules_version.py`` fails when the answers over its corpus change and it was not."""
