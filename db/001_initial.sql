-- msdesk schema, version 1.
-- Every record has a stable UUID (id TEXT) so that data from several offices
-- can be merged by identity; deletions are soft (deleted = 1) for the same reason.
-- Names follow shared/GLOSSARY.md.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE offices (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL DEFAULT 'township'
                CHECK (level IN ('township', 'district', 'city', 'province', 'other')),
    parent_id   TEXT REFERENCES offices(id),
    region_code TEXT,
    head        TEXT,            -- 负责人
    preparer    TEXT,            -- 填报人
    phone       TEXT,            -- 联系电话
    is_self     INTEGER NOT NULL DEFAULT 0,   -- the office that keeps this file
    reports_monthly INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE plans (
    id             TEXT PRIMARY KEY,
    year           INTEGER NOT NULL,
    title          TEXT NOT NULL,
    issuing_office TEXT,
    doc_number     TEXT,          -- 文号
    issued_date    TEXT,          -- ISO date
    source_text    TEXT,          -- the notice as imported, verbatim
    deleted        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE categories (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans(id),
    position       INTEGER NOT NULL,
    seq            TEXT,          -- 一、二、… as written
    name           TEXT NOT NULL,
    declared_count INTEGER,       -- （3项） as written in the heading
    deleted        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id),
    category_id TEXT REFERENCES categories(id),
    position    INTEGER NOT NULL,
    seq         TEXT NOT NULL,    -- 序号 as written: 12, （十二）, (3)
    name        TEXT,
    content     TEXT NOT NULL DEFAULT '',   -- 实施内容, verbatim
    task_level  TEXT NOT NULL DEFAULT 'local'
                CHECK (task_level IN ('local', 'city', 'province', 'none')),
    task_level_text TEXT,          -- marker as written: 属市级任务, 烈山区无任务
    remarks     TEXT,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX projects_plan ON projects(plan_id, position);

-- 牵头单位 (role 'lead') and 配合单位 (role 'partner'), in the order written.
CREATE TABLE project_units (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    role       TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
    position   INTEGER NOT NULL,
    unit_name  TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX project_units_project ON project_units(project_id);
CREATE INDEX project_units_name ON project_units(unit_name);

CREATE TABLE measures (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    position   INTEGER NOT NULL,
    seq        TEXT,              -- 1. 2. as written
    text       TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX measures_project ON measures(project_id);

-- 指标. kind: 'number' (a numeric target), 'qualitative' (应保尽保, 全覆盖, 按期完成).
-- comparator: '>=' 不少于/不低于/以上, '<=' 不超过/低于, '=' 达到, '~' 左右.
-- baseline: the starting value of 从 A 提高到 B targets.
CREATE TABLE indicators (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'number' CHECK (kind IN ('number', 'qualitative')),
    unit        TEXT,
    comparator  TEXT CHECK (comparator IN ('>=', '<=', '=', '~') OR comparator IS NULL),
    target      REAL,
    target_text TEXT,             -- the target as written (559名, 应保尽保)
    baseline    REAL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX indicators_project ON indicators(project_id);

-- 标准: subsidy standards are numbers with units but not targets
-- (1500元/人, 每人每年1000元, 1.8万—2.1万元/人 as low/high).
CREATE TABLE rates (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    measure_id TEXT REFERENCES measures(id),
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value_low  REAL,
    value_high REAL,
    unit       TEXT,
    deleted    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- 目标任务分解表: an indicator's target allocated to one office.
CREATE TABLE target_breakdowns (
    id           TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators(id),
    office_id    TEXT NOT NULL REFERENCES offices(id),
    target       REAL,
    target_text  TEXT,            -- as written: ≥98%, 待认定, —
    deleted      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (indicator_id, office_id)
);

-- 报告期: '2026Q3' or '2026-07'.
CREATE TABLE periods (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('quarter', 'month')),
    number      INTEGER NOT NULL,
    due_date    TEXT,             -- ISO date the report is due upward
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- 累计完成: cumulative actual of one indicator, for one office, at a period's end.
CREATE TABLE progress (
    id           TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators(id),
    period_id    TEXT NOT NULL REFERENCES periods(id),
    office_id    TEXT NOT NULL REFERENCES offices(id),
    actual       REAL,
    actual_text  TEXT,            -- for qualitative indicators
    done         INTEGER NOT NULL DEFAULT 0,  -- qualitative indicator reported complete
    deleted      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (indicator_id, period_id, office_id)
);
CREATE INDEX progress_period ON progress(period_id, office_id);

-- 进展情况 / 存在问题 / 下一步计划 and funds (万元) of one project for one period.
CREATE TABLE project_reports (
    id             TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES projects(id),
    period_id      TEXT NOT NULL REFERENCES periods(id),
    office_id      TEXT NOT NULL REFERENCES offices(id),
    progress_note  TEXT,
    problems       TEXT,
    next_steps     TEXT,
    funds_planned  REAL,
    funds_received REAL,
    funds_spent    REAL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (project_id, period_id, office_id)
);
CREATE INDEX project_reports_period ON project_reports(period_id, office_id);

-- The sign-off block printed on every table: 负责人, 填报人, 联系电话, 填报日期.
CREATE TABLE signoffs (
    id          TEXT PRIMARY KEY,
    period_id   TEXT NOT NULL REFERENCES periods(id),
    office_id   TEXT NOT NULL REFERENCES offices(id),
    head        TEXT,
    preparer    TEXT,
    phone       TEXT,
    report_date TEXT,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (period_id, office_id)
);

-- Audit trail: one row per changed field (or per inserted/deleted record).
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT,
    txn        TEXT NOT NULL      -- groups the rows of one user action
);
CREATE INDEX audit_row ON audit_log(table_name, row_id);
