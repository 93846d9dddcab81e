-- Identifiers that need quoting: spaces, embedded quotes, reserved words, Unicode, mixed case.
-- @before
CREATE TABLE "Order Items" (
    "ID" integer PRIMARY KEY,
    "select" text,
    "Name ""Quoted""" text
);
CREATE TABLE "Ünïcödé" (id integer PRIMARY KEY, "größe" integer);
-- @after
CREATE TABLE "Order Items" (
    "ID" integer PRIMARY KEY,
    "select" text NOT NULL DEFAULT 'x',
    "Name ""Quoted""" varchar(20),
    "from" integer REFERENCES "Ünïcödé" (id)
);
CREATE TABLE "Ünïcödé" (id integer PRIMARY KEY, "größe" integer, "MixedCase" boolean);
CREATE INDEX "Idx ""odd"" name" ON "Order Items" ("select", "from");
