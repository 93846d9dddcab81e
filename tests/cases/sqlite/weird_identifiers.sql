-- Identifiers that need quoting: spaces, embedded quotes, reserved words, Unicode.
-- @before
CREATE TABLE "Order Items" ("ID" INTEGER PRIMARY KEY, "select" TEXT, "Name ""Quoted""" TEXT);
-- @after
CREATE TABLE "Order Items" ("ID" INTEGER PRIMARY KEY, "select" TEXT, "Name ""Quoted""" TEXT, "größe" INTEGER DEFAULT 1);
CREATE TABLE "Ünïcödé" ("from" INTEGER PRIMARY KEY, "where" TEXT);
CREATE INDEX "Idx ""odd"" name" ON "Order Items" ("select");
