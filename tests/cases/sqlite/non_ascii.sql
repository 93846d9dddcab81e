-- Non-ASCII in every position: names (letters whose case mapping changes length, combining
-- marks, RTL text, emoji), default and CHECK literals, enum-like values, comments, view and
-- trigger bodies. SQLite folds ASCII letters only: "İ" and "Ǆ" stay as written.
-- @before
CREATE TABLE "İ表" ("c1_é" INTEGER PRIMARY KEY, "c2_ß" TEXT DEFAULT 'Straße' CHECK ("c2_ß" <> 'ﬃ')); -- ج😀
CREATE INDEX "i_ع" ON "İ表" ("c2_ß") WHERE "c2_ß" <> 'e' || 'ǅ';
-- @after
CREATE TABLE "İ表" (
  "c1_é" INTEGER PRIMARY KEY,
  "c2_ß" TEXT DEFAULT 'Größe 😀' CONSTRAINT "k_Ǆ" CHECK ("c2_ß" <> 'ﬃ'),
  "c3_שָׁלוֹם" TEXT DEFAULT 'v1_é' CHECK ("c3_שָׁלוֹם" IN ('v1_é', 'v2_👨‍👩‍👧')), -- a comment: ‏RTL‎ mark
  Straße INTEGER
);
CREATE INDEX "i_ع" ON "İ表" ("c2_ß", "c3_שָׁלוֹם") WHERE "c2_ß" <> 'e' || 'ǅ';
CREATE VIEW "v_Ω" AS SELECT "c1_é" AS "a_ж", 'ﾃ' AS x FROM "İ表";
CREATE TRIGGER "t_🇫🇷" AFTER INSERT ON "İ表" BEGIN UPDATE "İ表" SET "c2_ß" = 'ⅷ' WHERE "c1_é" = NEW."c1_é"; END;
/* é */
