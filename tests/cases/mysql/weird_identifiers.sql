-- Identifiers that need quoting: spaces, backticks, reserved words, Unicode, mixed case.
-- @before
CREATE TABLE `Order Items` (
    `ID` int NOT NULL PRIMARY KEY,
    `select` varchar(20),
    `Name ``Quoted``` varchar(20)
);
-- @after
CREATE TABLE `Order Items` (
    `ID` int NOT NULL PRIMARY KEY,
    `select` varchar(20) NOT NULL DEFAULT 'x',
    `Name ``Quoted``` varchar(40),
    `größe` int,
    KEY `Idx odd name` (`select`)
);
CREATE TABLE `Ünïcödé` (`MixedCase` int NOT NULL PRIMARY KEY);
