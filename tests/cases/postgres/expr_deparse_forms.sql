-- Expressions in the spellings PostgreSQL's parser and deparser give them (parse_expr.c,
-- ruleutils.c): a cast of an ARRAY[...] constructor is handed down to its elements, a chain of
-- casts on a literal keeps its coercions, a list on a varchar column is typed as pg_dump prints
-- it, a literal's single text cast folds into the constant. Each form is changed both ways.
-- @before
CREATE TABLE expr_forms (
    id integer PRIMARY KEY,
    status character varying(16),
    kind text,
    tags text[] DEFAULT '{}'::text[],
    codes character varying[] DEFAULT ARRAY['x'::character varying],
    CONSTRAINT status_chain CHECK (status::text = ANY (ARRAY['active'::character varying::text, 'pending'::character varying::text])),
    CONSTRAINT kind_list CHECK (kind IN ('a', 'b'))
);
CREATE INDEX expr_forms_status ON expr_forms (id) WHERE ((status)::text = ANY ((ARRAY['open'::character varying, 'held'::character varying])::text[]));
-- @after
CREATE TABLE expr_forms (
    id integer PRIMARY KEY,
    status character varying(16),
    kind text,
    tags text[] DEFAULT ARRAY['one', 'two']::text[],
    codes character varying[] DEFAULT ARRAY['x'::character varying],
    CONSTRAINT status_chain CHECK (status::text = ANY (ARRAY['active'::character varying, 'pending'::character varying, 'done'::character varying]::text[])),
    CONSTRAINT kind_list CHECK (kind = ANY (ARRAY['a'::text, 'b'::text, 'c'::text])),
    CONSTRAINT status_not_in CHECK (status::text <> ALL (ARRAY['gone'::character varying::text]))
);
CREATE INDEX expr_forms_status ON expr_forms (id) WHERE ((status)::text = ANY ((ARRAY['open'::character varying, 'closed'::character varying])::text[]));
