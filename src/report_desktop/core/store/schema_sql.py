"""The store's SQL schema and its forward migrations.

``PRAGMA user_version`` holds the schema version.  A migration takes the database from
version N-1 to N; never edit a released one, add the next.  tests/data/stores keeps a
store written by every version, and a test opens each with the current code.
"""
from __future__ import annotations

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE reports (
        id          INTEGER PRIMARY KEY,
        unit        TEXT NOT NULL,
        year        INTEGER NOT NULL,
        level       TEXT,
        report_date TEXT,
        deviations  TEXT NOT NULL DEFAULT '[]',   -- JSON list of format deviations (H8)
        created     TEXT NOT NULL,
        modified    TEXT NOT NULL,
        UNIQUE (unit, year)
    );
    -- One row per schema cell id.  Counts are stored as INTEGER, amounts as exact
    -- decimal TEXT, unusable input read from a file as its raw TEXT, blanks as NULL.
    CREATE TABLE cells (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        cell      TEXT NOT NULL,
        value,
        PRIMARY KEY (report_id, cell)
    ) WITHOUT ROWID;
    CREATE TABLE texts (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        body      TEXT NOT NULL,
        PRIMARY KEY (report_id, key)
    ) WITHOUT ROWID;
    -- Named versions of a report (送审稿 …), as interchange JSON.
    CREATE TABLE snapshots (
        id        INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        name      TEXT NOT NULL,
        created   TEXT NOT NULL,
        payload   TEXT NOT NULL
    );
    CREATE INDEX snapshots_by_report ON snapshots(report_id, created);
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT
    );
    """,
    2: """
    -- Small values the program remembers about one report (信息处理费 figures …),
    -- they go with the report when it is deleted.
    CREATE TABLE report_settings (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        value     TEXT,
        PRIMARY KEY (report_id, key)
    ) WITHOUT ROWID;
    INSERT INTO report_settings (report_id, key, value)
        SELECT CAST(substr(s.key, 13) AS INTEGER), 'fee_figures', s.value FROM settings s
        WHERE s.key LIKE 'fee_figures.%' AND s.value != ''
          AND CAST(substr(s.key, 13) AS INTEGER) IN (SELECT id FROM reports);
    DELETE FROM settings WHERE key LIKE 'fee_figures.%';
    """,
    3: """
    -- The registers a report's 表三/表四 are counted from (interchange.md, Register).
    -- A row here means the report has a register (possibly empty), with its counting
    -- settings (统计口径) as JSON.
    CREATE TABLE registers (
        report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
        settings  TEXT NOT NULL DEFAULT '{}'
    );
    -- One application or case per row, in the clerk's order, as its interchange JSON
    -- object: the JSON codec is the one definition of the fields.
    CREATE TABLE register_rows (
        report_id INTEGER NOT NULL REFERENCES registers(report_id) ON DELETE CASCADE,
        kind      TEXT NOT NULL CHECK (kind IN ('application', 'case')),
        position  INTEGER NOT NULL,
        record    TEXT NOT NULL,
        PRIMARY KEY (report_id, kind, position)
    ) WITHOUT ROWID
    """,
}

CURRENT_VERSION = max(MIGRATIONS)
