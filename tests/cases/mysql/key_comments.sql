-- Primary and unique keys carry a COMMENT (MariaDB manual, CREATE TABLE, index_option:
-- `COMMENT 'string'`); a changed comment replaces the key with its new comment, both ways.
-- @before
CREATE TABLE friends (
    user_id bigint NOT NULL,
    friend_id bigint NOT NULL,
    code varchar(20) NOT NULL,
    PRIMARY KEY (user_id),
    UNIQUE KEY friends_code (code) COMMENT 'old code key'
);
-- @after
CREATE TABLE friends (
    user_id bigint NOT NULL,
    friend_id bigint NOT NULL,
    code varchar(20) NOT NULL,
    PRIMARY KEY (user_id, friend_id) COMMENT 'who befriends whom',
    UNIQUE KEY friends_code (code) COMMENT 'one code per friendship'
);
