-- What a re-run takes from the store instead of working it out again (naba.resume).
-- The stamp of the naba that extracted each article; NULL for articles stored before stamps, which a
-- run extracts again.
ALTER TABLE articles ADD COLUMN extracted_by TEXT;
-- Each story's enrichment (entities, places, dates, quotes, timeline, facts, brief), one entry per
-- story id, under the key of everything it was made from (naba.resume.story_key); zlib-compressed JSON.
CREATE TABLE IF NOT EXISTS enrichment (
    story_id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    data BLOB NOT NULL,
    saved_at TEXT NOT NULL
);
