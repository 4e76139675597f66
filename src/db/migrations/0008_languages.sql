-- A language code from src/contract/languages.ts; NULL follows the site language (the siteLanguage
-- setting), so changing that setting reaches everyone who never chose their own.
ALTER TABLE staff ADD COLUMN language TEXT;
ALTER TABLE recipients ADD COLUMN language TEXT;
