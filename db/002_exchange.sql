-- msdesk schema, version 2: exchange between offices (signed packages, roll-up).
-- Adds tables only; version 1 is never edited.

-- 信任列表: certificates of offices whose packages this office accepts.
-- role 'subordinate' (报送包 from below) or 'parent' (任务包 from above).
-- fingerprint is the full SHA-256 of the DER certificate, lower-case hex.
CREATE TABLE trusted_certs (
    id           TEXT PRIMARY KEY,
    fingerprint  TEXT NOT NULL UNIQUE,
    office_id    TEXT REFERENCES offices(id),   -- this file's record of that office
    office_name  TEXT NOT NULL,                 -- as named in the certificate
    role         TEXT NOT NULL DEFAULT 'subordinate' CHECK (role IN ('subordinate', 'parent')),
    cert_pem     TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    confirmed_at TEXT,                          -- fingerprint read back over the phone
    revoked_at   TEXT,
    revoke_reason TEXT,
    deleted      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX trusted_certs_office ON trusted_certs(office_id);

-- Packages received: 报送包 from subordinates (kind 'submission') and
-- 任务包 from the upper office (kind 'tasks'). A resubmission supersedes the
-- earlier one; both stay. 退回 keeps the row with its reason.
CREATE TABLE submissions (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL DEFAULT 'submission' CHECK (kind IN ('submission', 'tasks')),
    office_id      TEXT NOT NULL REFERENCES offices(id),
    period_id      TEXT REFERENCES periods(id),
    period_code    TEXT,
    version        INTEGER NOT NULL DEFAULT 1,   -- 第N次报送
    status         TEXT NOT NULL DEFAULT 'accepted'
                   CHECK (status IN ('accepted', 'superseded', 'returned')),
    return_reason  TEXT,
    returned_at    TEXT,
    created_at_package TEXT,                     -- when the sender made it (signed)
    received_at    TEXT NOT NULL,
    on_time        INTEGER,                      -- 1 on time, 0 late, NULL no due date
    signer_fingerprint TEXT,
    package_name   TEXT,
    package_sha256 TEXT NOT NULL,
    manifest_json  TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX submissions_office_period ON submissions(office_id, period_code);
CREATE INDEX submissions_sha ON submissions(package_sha256);

-- This office's own submitted periods: once a 报送包 is exported the period is
-- submitted; a later edit sets changed_after_submission; the next package is
-- version + 1.
CREATE TABLE submitted_periods (
    id             TEXT PRIMARY KEY,
    period_id      TEXT NOT NULL REFERENCES periods(id),
    period_code    TEXT NOT NULL UNIQUE,
    submitted_at   TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    changed_after_submission INTEGER NOT NULL DEFAULT 0,
    changed_at     TEXT,
    package_sha256 TEXT,
    deleted        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
