-- Changes that --zero-downtime states online (ALGORITHM=INSTANT / INPLACE, LOCK=NONE) and one
-- it must leave plain (a type change that copies the table), on seeded rows.
-- @before
CREATE TABLE orders (
    id bigint NOT NULL AUTO_INCREMENT,
    code varchar(20) DEFAULT NULL,
    qty int DEFAULT NULL,
    note varchar(40) NOT NULL,
    status varchar(10) DEFAULT NULL,
    PRIMARY KEY (id),
    KEY orders_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- @after
CREATE TABLE orders (
    id bigint NOT NULL AUTO_INCREMENT,
    code varchar(60) DEFAULT NULL,
    qty varchar(12) DEFAULT NULL,
    note varchar(40) DEFAULT NULL,
    status varchar(10) DEFAULT 'new',
    placed_at datetime DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY orders_code (code),
    KEY orders_code_status (code, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
