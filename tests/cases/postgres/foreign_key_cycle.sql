-- Two new tables that reference each other: the constraints must come after both tables.
-- @before
CREATE TABLE placeholder (id integer PRIMARY KEY);
-- @after
CREATE TABLE placeholder (id integer PRIMARY KEY);
CREATE TABLE departments (id integer PRIMARY KEY, manager_id integer);
CREATE TABLE employees (id integer PRIMARY KEY, department_id integer REFERENCES departments (id));
ALTER TABLE departments ADD CONSTRAINT departments_manager_fk FOREIGN KEY (manager_id) REFERENCES employees (id);
