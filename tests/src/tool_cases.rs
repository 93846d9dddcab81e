//! The migrations the tool tests (`tools.rs`) run: a new table with a foreign key, a column
//! added and one dropped, a new index; a column rename; and a trigger whose body holds `;` and
//! non-ASCII text with a 4-byte character (what tools split or mis-encode: Liquibase's statement
//! splitting, the mysql client's `;` and character set). Rows in every table of BEFORE.

use crate::tools::ToolCase;
use schemashift::Dialect;

pub fn cases(d: Dialect) -> Vec<ToolCase> {
    let (int, text) = match d {
        Dialect::Mysql => ("INT", "VARCHAR(100)"),
        _ => ("integer", "text"),
    };
    let team_after = match d {
        // MariaDB: a named foreign key, as teams write it; its implicit index must not be left
        // behind by up (AFTER applied directly has only the explicit one).
        Dialect::Mysql => format!(
            "CREATE TABLE roles (id {int} PRIMARY KEY, name {text} NOT NULL);\n\
             CREATE TABLE users (id {int} PRIMARY KEY, name {text} NOT NULL, role_id {int}, email {text},\n  \
             CONSTRAINT users_role_id_fk FOREIGN KEY (role_id) REFERENCES roles (id));\n\
             CREATE INDEX users_role_name_idx ON users (role_id, name);\n"
        ),
        _ => format!(
            "CREATE TABLE roles (id {int} PRIMARY KEY, name {text} NOT NULL);\n\
             CREATE TABLE users (id {int} PRIMARY KEY, name {text} NOT NULL, role_id {int} REFERENCES roles (id), email {text});\n\
             CREATE INDEX users_role_name_idx ON users (role_id, name);\n"
        ),
    };
    let body_after = match d {
        Dialect::Postgres => "CREATE TABLE notes (id integer PRIMARY KEY, body text, n integer DEFAULT 0);\n\
             CREATE TABLE notes_log (id integer, note text);\n\
             CREATE FUNCTION notes_log() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  \
             INSERT INTO notes_log VALUES (NEW.id, 'n\u{e9}e \u{1f600}');\n  INSERT INTO notes_log VALUES (NEW.id, 'second; entry');\n  \
             RETURN NEW;\nEND;\n$$;\n\
             CREATE TRIGGER notes_ai AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION notes_log();\n"
            .to_string(),
        Dialect::Mysql => "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100), n INT DEFAULT 0);\n\
             CREATE TABLE notes_log (id INT, note VARCHAR(100));\n\
             DELIMITER //\n\
             CREATE TRIGGER notes_ai AFTER INSERT ON notes FOR EACH ROW BEGIN\n  \
             INSERT INTO notes_log VALUES (NEW.id, 'n\u{e9}e \u{1f600}');\n  INSERT INTO notes_log VALUES (NEW.id, 'second; entry');\nEND//\n\
             DELIMITER ;\n"
            .to_string(),
        Dialect::Sqlite => "CREATE TABLE notes (id integer PRIMARY KEY, body text, n integer DEFAULT 0);\n\
             CREATE TABLE notes_log (id integer, note text);\n\
             CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN\n  \
             INSERT INTO notes_log VALUES (NEW.id, 'n\u{e9}e \u{1f600}');\n  INSERT INTO notes_log VALUES (NEW.id, 'second; entry');\nEND;\n"
            .to_string(),
    };
    vec![
        ToolCase {
            id: "trigger_body",
            before: format!("CREATE TABLE notes (id {int} PRIMARY KEY, body {text});\n"),
            after: body_after,
            seed: "INSERT INTO notes (id, body) VALUES (1, 'caf\u{e9}'), (2, NULL);\n".into(),
            renames: Vec::new(),
            kept: vec![("notes", vec!["id", "body"])],
            dropped: Vec::new(),
        },
        ToolCase {
            id: "team",
            before: format!("CREATE TABLE users (id {int} PRIMARY KEY, name {text} NOT NULL, legacy {text});\n"),
            after: team_after,
            seed: "INSERT INTO users (id, name, legacy) VALUES (1, 'ann', 'a1'), (2, 'bob', NULL), (3, 'cy', 'c3');\n".into(),
            renames: Vec::new(),
            kept: vec![("users", vec!["id", "name"])],
            dropped: vec![("users", vec!["legacy"])],
        },
        ToolCase {
            id: "rename",
            before: format!(
                "CREATE TABLE accounts (id {int} PRIMARY KEY, full_name {text} NOT NULL, note {text});\n\
                 CREATE TABLE audit (id {int} PRIMARY KEY, account_id {int} NOT NULL REFERENCES accounts (id));\n"
            ),
            after: format!(
                "CREATE TABLE accounts (id {int} PRIMARY KEY, display_name {text} NOT NULL, note {text});\n\
                 CREATE TABLE audit (id {int} PRIMARY KEY, account_id {int} NOT NULL REFERENCES accounts (id));\n\
                 CREATE INDEX accounts_note_idx ON accounts (note);\n"
            ),
            seed: "INSERT INTO accounts (id, full_name, note) VALUES (1, 'Ann Lee', 'x'), (2, 'Bo Chan', NULL);\n\
                   INSERT INTO audit (id, account_id) VALUES (10, 1), (11, 2);\n"
                .into(),
            renames: vec!["accounts.full_name=display_name".into()],
            kept: vec![("accounts", vec!["id", "full_name", "note"]), ("audit", vec!["id", "account_id"])],
            dropped: Vec::new(),
        },
    ]
}
