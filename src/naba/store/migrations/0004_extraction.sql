-- What extraction found in each article (entities, dates, quotes; spans into `text`), as JSON.
-- Articles stored before this migration read back with empty lists.
ALTER TABLE articles ADD COLUMN extraction TEXT NOT NULL DEFAULT '{}';
