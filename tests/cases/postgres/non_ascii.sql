-- Non-ASCII in every position: schema, table, column, index, constraint and enum names
-- (unquoted ones fold ASCII letters only: Äpfel stays Äpfel, Größe becomes größe), default and
-- CHECK literals, partition bounds, comments, view and function bodies.
-- @before
CREATE SCHEMA "s_é";
CREATE TYPE "s_é"."e_ж" AS ENUM ('v1_é', 'v2_表');
CREATE TABLE "s_é".Äpfel (Größe integer PRIMARY KEY, "c2_ß" text DEFAULT 'Straße');
CREATE TABLE "s_é"."r_ع" (d text) PARTITION BY RANGE (d);
CREATE TABLE "s_é"."r1_ع" PARTITION OF "s_é"."r_ع" FOR VALUES FROM ('ä') TO ('ö');
-- @after
CREATE SCHEMA "s_é";
CREATE TYPE "s_é"."e_ж" AS ENUM ('v1_é', 'v2_表', 'v3_😀');
CREATE TABLE "s_é".Äpfel (
  Größe integer PRIMARY KEY,
  "c2_ß" text DEFAULT 'Größe 😀' CONSTRAINT "k_Ǆ" CHECK ("c2_ß" <> 'ﬃ'),
  "c3_İ" "s_é"."e_ж" DEFAULT 'v2_表'
);
CREATE INDEX "i_שָׁלוֹם" ON "s_é".Äpfel ("c2_ß") WHERE "c2_ß" <> 'ǅ';
COMMENT ON TABLE "s_é".Äpfel IS 'Äpfel und Birnen ‏RTL‎ 👨‍👩‍👧';
COMMENT ON COLUMN "s_é".Äpfel."c2_ß" IS 'ß';
CREATE TABLE "s_é"."r_ع" (d text) PARTITION BY RANGE (d);
CREATE TABLE "s_é"."r1_ع" PARTITION OF "s_é"."r_ع" FOR VALUES FROM ('ä') TO ('ö');
CREATE TABLE "s_é"."r2_ع" PARTITION OF "s_é"."r_ع" FOR VALUES FROM ('ö') TO ('表');
CREATE TABLE "s_é"."l_Ω" (k text) PARTITION BY LIST (k);
CREATE TABLE "s_é"."l1_Ω" PARTITION OF "s_é"."l_Ω" FOR VALUES IN ('é', 'ж');
CREATE VIEW "s_é"."v_Ω" AS SELECT Größe AS "a_ж", 'ﾃ' AS x FROM "s_é".Äpfel;
CREATE FUNCTION "s_é"."f_🇫🇷"() RETURNS text LANGUAGE sql AS $$ SELECT 'ⅷ' /* é */ $$;
