// A pg_dump-shaped schema of `n` tables for the timing script and the browser tests at size: the
// dump form of core/benches/scaling.rs with the columns, sequences and owners a real
// `pg_dump --schema-only` writes (~900 bytes a table).
/** `n` tables as pg_dump writes them; `variant` adds a column to every tenth table. */
export function dump(n, variant) {
  const parts = [];
  for (let t = 0; t < n; t++) {
    const extra = variant && t % 10 === 0 ? ',\n    added character varying(40)' : '';
    parts.push(`CREATE TABLE public.t${t} (\n    id integer NOT NULL,\n    code character varying(20) NOT NULL,\n`
      + `    name text,\n    qty integer,\n    price numeric(12,2) DEFAULT 0 NOT NULL,\n`
      + `    created_at timestamp with time zone DEFAULT now() NOT NULL,\n`
      + `    updated_at timestamp with time zone,\n    parent_id integer${extra},\n`
      + `    CONSTRAINT t${t}_qty_check CHECK ((qty >= 0))\n);\n\n`);
    parts.push(`ALTER TABLE public.t${t} OWNER TO app;\n\n`);
    parts.push(`CREATE SEQUENCE public.t${t}_id_seq\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n`
      + `    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n`);
    parts.push(`ALTER SEQUENCE public.t${t}_id_seq OWNED BY public.t${t}.id;\n\n`);
  }
  for (let t = 0; t < n; t++) {
    parts.push(`ALTER TABLE ONLY public.t${t} ALTER COLUMN id SET DEFAULT nextval('public.t${t}_id_seq'::regclass);\n\n`);
  }
  for (let t = 0; t < n; t++) {
    parts.push(`ALTER TABLE ONLY public.t${t}\n    ADD CONSTRAINT t${t}_pkey PRIMARY KEY (id);\n\n`);
    parts.push(`ALTER TABLE ONLY public.t${t}\n    ADD CONSTRAINT t${t}_code_key UNIQUE (code);\n\n`);
  }
  for (let t = 0; t < n; t++) parts.push(`CREATE INDEX t${t}_qty_idx ON public.t${t} USING btree (qty);\n\n`);
  for (let t = 1; t < n; t++) {
    parts.push(`ALTER TABLE ONLY public.t${t}\n    ADD CONSTRAINT t${t}_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.t${t - 1}(id);\n\n`);
  }
  return parts.join('');
}

