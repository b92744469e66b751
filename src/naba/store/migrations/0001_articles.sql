-- Articles, rejected inputs and the runs that produced them.
CREATE TABLE articles (
    id             TEXT PRIMARY KEY,          -- hash of source key + clean text
    source_key     TEXT NOT NULL,
    source_kind    TEXT NOT NULL,
    source_id      TEXT,
    source_path    TEXT,
    url            TEXT,
    outlet         TEXT,
    title          TEXT,
    section        TEXT,
    published      TEXT,
    published_from TEXT,
    author         TEXT,
    text           TEXT NOT NULL,
    folded         TEXT NOT NULL,             -- normalised text for matching and search
    boilerplate    TEXT NOT NULL,             -- JSON list of removed lines
    extra          TEXT NOT NULL,             -- JSON object of unknown input fields
    ingested_at    TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source_key ON articles (source_key);

CREATE TABLE rejected (
    source_path TEXT NOT NULL,
    reason      TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (source_path, reason)
);
