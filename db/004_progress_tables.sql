-- msdesk schema, version 3: progress tables (进展表) filled in Excel by offices
-- without msdesk and by the district's 牵头单位. Their figures are unsigned.

-- Where a received submission came from: a signed 报送包 ('package') or an
-- Excel 进展表 imported by this office ('table', unsigned).
ALTER TABLE submissions ADD COLUMN source TEXT NOT NULL DEFAULT 'package'
    CHECK (source IN ('package', 'table'));

-- Every imported 进展表: for a subordinate office (office_id, with the
-- submissions row it made) or for a 牵头单位 (lead_unit; the figures are this
-- office's own). file_sha256 tells a re-import of the same file.
CREATE TABLE table_imports (
    id            TEXT PRIMARY KEY,
    office_id     TEXT NOT NULL REFERENCES offices(id),
    lead_unit     TEXT,
    period_id     TEXT NOT NULL REFERENCES periods(id),
    period_code   TEXT NOT NULL,
    submission_id TEXT REFERENCES submissions(id),
    file_name     TEXT NOT NULL,
    file_sha256   TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    matched_rows  INTEGER NOT NULL DEFAULT 0,
    changed_values INTEGER NOT NULL DEFAULT 0,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX table_imports_office_period ON table_imports(office_id, period_code);
