"""The case manager: people, stays, applications, documents, a timeline and derived deadlines,
kept in SQLite (embedded default) or PostgreSQL (``ZAIRYU_DATABASE_URL``). See docs/cases.md."""
