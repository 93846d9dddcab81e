-- Scenarios with rows: foreign key actions changed (CASCADE to SET NULL, RESTRICT to CASCADE),
-- an enum member appended and one reordered, a view over the changed table.
-- @before
CREATE TABLE parent (id int NOT NULL PRIMARY KEY, name varchar(20));
CREATE TABLE child (
  id int NOT NULL PRIMARY KEY,
  pid int,
  state enum('new','done'),
  CONSTRAINT child_pid FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE CASCADE
);
CREATE TABLE other (
  id int NOT NULL PRIMARY KEY,
  pid int,
  CONSTRAINT other_pid FOREIGN KEY (pid) REFERENCES parent (id)
);
CREATE VIEW child_states AS SELECT id, state FROM child;
-- @after
CREATE TABLE parent (id int NOT NULL PRIMARY KEY, name varchar(20));
CREATE TABLE child (
  id int NOT NULL PRIMARY KEY,
  pid int,
  state enum('done','new','held'),
  CONSTRAINT child_pid FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE SET NULL
);
CREATE TABLE other (
  id int NOT NULL PRIMARY KEY,
  pid int,
  CONSTRAINT other_pid FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE CASCADE
);
CREATE VIEW child_states AS SELECT id, state FROM child;
