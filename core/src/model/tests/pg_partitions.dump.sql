--
-- PostgreSQL database dump
--

\restrict WpxqQAH364BVWHTDfEPUKAEumrerIPTyjIERtRrcKTdjOlPAHabhrPUWDA1Ycfz

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: postgres
--

-- *not* creating schema, since initdb creates it


ALTER SCHEMA public OWNER TO postgres;

--
-- Name: SCHEMA public; Type: COMMENT; Schema: -; Owner: postgres
--

COMMENT ON SCHEMA public IS '';


--
-- Name: http_status; Type: DOMAIN; Schema: public; Owner: postgres
--

CREATE DOMAIN public.http_status AS smallint
	CONSTRAINT http_status_check CHECK (((VALUE >= 100) AND (VALUE <= 599)));


ALTER DOMAIN public.http_status OWNER TO postgres;

--
-- Name: level; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.level AS ENUM (
    'debug',
    'info',
    'error'
);


ALTER TYPE public.level OWNER TO postgres;

--
-- Name: stamp(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.stamp() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.seen_at := now();
  RETURN NEW;
END
$$;


ALTER FUNCTION public.stamp() OWNER TO postgres;

SET default_tablespace = '';

--
-- Name: events; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.events (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    level public.level DEFAULT 'info'::public.level NOT NULL,
    status public.http_status,
    payload jsonb,
    seen_at timestamp with time zone
)
PARTITION BY RANGE (at);


ALTER TABLE public.events OWNER TO postgres;

--
-- Name: TABLE events; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.events IS 'request log, one partition per year';


--
-- Name: events_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.events_id_seq OWNER TO postgres;

--
-- Name: events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.events_id_seq OWNED BY public.events.id;


SET default_table_access_method = heap;

--
-- Name: events_2024; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.events_2024 (
    id bigint DEFAULT nextval('public.events_id_seq'::regclass) NOT NULL,
    at timestamp with time zone NOT NULL,
    level public.level DEFAULT 'info'::public.level NOT NULL,
    status public.http_status,
    payload jsonb,
    seen_at timestamp with time zone
);


ALTER TABLE public.events_2024 OWNER TO postgres;

--
-- Name: events_2025; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.events_2025 (
    id bigint DEFAULT nextval('public.events_id_seq'::regclass) NOT NULL,
    at timestamp with time zone NOT NULL,
    level public.level DEFAULT 'info'::public.level NOT NULL,
    status public.http_status,
    payload jsonb,
    seen_at timestamp with time zone
);


ALTER TABLE public.events_2025 OWNER TO postgres;

--
-- Name: events_2024; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2024 FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');


--
-- Name: events_2025; Type: TABLE ATTACH; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025 FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');


--
-- Name: events id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events ALTER COLUMN id SET DEFAULT nextval('public.events_id_seq'::regclass);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id, at);


--
-- Name: events_2024 events_2024_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events_2024
    ADD CONSTRAINT events_2024_pkey PRIMARY KEY (id, at);


--
-- Name: events_2025 events_2025_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.events_2025
    ADD CONSTRAINT events_2025_pkey PRIMARY KEY (id, at);


--
-- Name: events_level_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX events_level_idx ON ONLY public.events USING btree (level) WHERE (level = 'error'::public.level);


--
-- Name: events_2024_level_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX events_2024_level_idx ON public.events_2024 USING btree (level) WHERE (level = 'error'::public.level);


--
-- Name: events_2025_level_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX events_2025_level_idx ON public.events_2025 USING btree (level) WHERE (level = 'error'::public.level);


--
-- Name: events_2024_level_idx; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.events_level_idx ATTACH PARTITION public.events_2024_level_idx;


--
-- Name: events_2024_pkey; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2024_pkey;


--
-- Name: events_2025_level_idx; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.events_level_idx ATTACH PARTITION public.events_2025_level_idx;


--
-- Name: events_2025_pkey; Type: INDEX ATTACH; Schema: public; Owner: postgres
--

ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2025_pkey;


--
-- Name: events events_stamp; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER events_stamp BEFORE INSERT ON public.events FOR EACH ROW EXECUTE FUNCTION public.stamp();


--
-- Name: events errors_only; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY errors_only ON public.events FOR SELECT USING ((level = 'error'::public.level));


--
-- Name: events; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.events ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: postgres
--

REVOKE USAGE ON SCHEMA public FROM PUBLIC;


--
-- PostgreSQL database dump complete
--

\unrestrict WpxqQAH364BVWHTDfEPUKAEumrerIPTyjIERtRrcKTdjOlPAHabhrPUWDA1Ycfz

