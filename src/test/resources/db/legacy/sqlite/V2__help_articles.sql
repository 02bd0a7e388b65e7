-- Help articles the Support Agent answers from when a request carries none.
CREATE TABLE sf_help_articles (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  url TEXT,
  locale TEXT,
  updated_at_ms INTEGER NOT NULL
);
