-- The reuse index persisted: each article's fingerprints, and the copies found between articles.
CREATE TABLE reuse_fingerprints (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    prints     BLOB NOT NULL                 -- uint32 little-endian, sorted
);

CREATE TABLE reuse_pairs (
    a      TEXT NOT NULL,                    -- the article checked
    b      TEXT NOT NULL,                    -- the earlier article it shares text with
    record TEXT NOT NULL,                    -- the stories.json reuse entry, as JSON
    PRIMARY KEY (a, b)
);
CREATE INDEX reuse_pairs_b ON reuse_pairs (b);
