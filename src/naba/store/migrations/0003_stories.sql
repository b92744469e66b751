-- Stories as stories.json writes them, their articles, and full-text search over articles.
CREATE TABLE stories (
    id              TEXT PRIMARY KEY,         -- stable story id (named after its first article)
    title           TEXT,
    first_published TEXT,
    last_published  TEXT,
    last_day        TEXT,                     -- first 10 characters of last_published: the list's order
    first_day       TEXT,
    n_articles      INTEGER NOT NULL,
    outlets         TEXT NOT NULL,            -- JSON list of outlet names
    data            TEXT NOT NULL,            -- the whole story dict, as stories.json writes it
    updated_at      TEXT NOT NULL
);
CREATE INDEX stories_newest ON stories (last_day DESC, n_articles DESC, id);

CREATE TABLE story_articles (
    story_id   TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE story_outlets (
    story_id TEXT NOT NULL,
    outlet   TEXT NOT NULL,
    PRIMARY KEY (outlet, story_id)
);
CREATE INDEX story_outlets_story ON story_outlets (story_id);

-- Contentless: the folded title and text are indexed, not stored twice; rowid = articles.rowid.
-- Kept in sync by triggers that SQLiteStore creates (they call naba_fold, registered per connection).
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, content = '');

INSERT INTO articles_fts (rowid, title, body) SELECT rowid, naba_fold(title), folded FROM articles;
