//! The PostgreSQL catalog snapshot: queries on `pg_catalog` that describe every user object
//! (schemas, extensions, tables, columns, sequences, constraints, indexes, views, types,
//! functions, triggers, policies, rules, collations, statistics, event triggers, casts,
//! operators and their classes and families, text search configurations and dictionaries,
//! conversions, publications, foreign data wrappers, servers, user mappings, and the
//! privileges on each object, default privileges included) with the
//! server's own deparsers (`pg_get_constraintdef`, `pg_get_indexdef`, `pg_get_viewdef`,
//! `pg_get_functiondef`, `pg_get_triggerdef`...), and the seed-table query of the data check.
//!
//! Every query returns two text columns: the object key and its description. Names in keys
//! are `quote_ident`ed, so a table key is also a valid SQL reference to the table.

/// Objects in user namespaces only.
const USER_NS: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema') \
     AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

/// Not a member of an extension (`objid` of catalog `class`).
fn not_ext(class: &str, objid: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dx WHERE dx.classid = '{class}'::regclass \
         AND dx.objid = {objid} AND dx.deptype = 'e')"
    )
}

fn cmt(expr: &str) -> String {
    format!("coalesce(' comment=' || quote_literal({expr}), '')")
}

/// `(key, description)` queries, one per kind of object.
pub fn queries() -> Vec<String> {
    let q = |s: &str| quote_ident_expr(s);
    let rel = format!("{} || '.' || {}", q("n.nspname"), q("c.relname"));
    let mut v = vec![
        format!(
            "SELECT 'schema ' || quote_ident(n.nspname), 'schema' || {} FROM pg_catalog.pg_namespace n WHERE {USER_NS} AND {}",
            cmt("obj_description(n.oid, 'pg_namespace')"),
            not_ext("pg_namespace", "n.oid")
        ),
        "SELECT 'extension ' || quote_ident(e.extname), 'schema=' || quote_ident(n.nspname) \
         FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace".to_string(),
        // Tables, partitioned tables, foreign tables.
        format!(
            "SELECT 'table ' || {rel}, 'kind=' || c.relkind::text || ' persistence=' || c.relpersistence::text \
             || coalesce(' partition_by=' || pg_catalog.pg_get_partkeydef(c.oid), '') \
             || coalesce(' partition_of=' || (SELECT string_agg(i.inhparent::regclass::text, ',') FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_catalog.pg_get_expr(c.relpartbound, c.oid), \
                         ' inherits=' || (SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno) FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid), '') \
             || coalesce(' options=' || (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(c.reloptions) o), '') \
             || coalesce(' toast_options=' || (SELECT string_agg(o, ',' ORDER BY o) FROM pg_catalog.pg_class tc, unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid), '') \
             || coalesce(' am=' || (SELECT am.amname FROM pg_catalog.pg_am am WHERE am.oid = c.relam AND am.amname <> 'heap'), '') \
             || coalesce(' tablespace=' || (SELECT ts.spcname FROM pg_catalog.pg_tablespace ts WHERE ts.oid = c.reltablespace), '') \
             || coalesce(' of=' || nullif(c.reloftype, 0)::regtype::text, '') \
             || ' rls=' || c.relrowsecurity || ' force_rls=' || c.relforcerowsecurity || ' replica_identity=' || c.relreplident::text \
             || {} \
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r', 'p', 'f') AND {USER_NS} AND {}",
            cmt("obj_description(c.oid, 'pg_class')"),
            not_ext("pg_class", "c.oid")
        ),
        // Columns of tables and views.
        format!(
            "SELECT 'column ' || {rel} || '.' || quote_ident(a.attname), \
             pg_catalog.format_type(a.atttypid, a.atttypmod) \
             || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END \
             || CASE WHEN a.attgenerated = '' THEN coalesce(' default ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '') \
                     ELSE ' generated ' || a.attgenerated::text || ' as ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) END \
             || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END \
             || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) ELSE '' END \
             || CASE WHEN a.attstorage <> t.typstorage THEN ' storage ' || a.attstorage::text ELSE '' END \
             || CASE WHEN a.attstattarget >= 0 THEN ' statistics ' || a.attstattarget ELSE '' END \
             || CASE WHEN a.attcompression <> '' THEN ' compression ' || a.attcompression::text ELSE '' END \
             || coalesce(' attoptions ' || (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(a.attoptions) o), '') \
             || CASE WHEN c.relkind IN ('r', 'p', 'f') AND NOT a.attislocal THEN ' inherited' ELSE '' END \
             || {} \
             FROM pg_catalog.pg_attribute a \
             JOIN pg_catalog.pg_class c ON c.oid = a.attrelid \
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_catalog.pg_type t ON t.oid = a.atttypid \
             LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND {USER_NS} AND {}",
            cmt("col_description(c.oid, a.attnum)"),
            not_ext("pg_class", "c.oid")
        ),
        format!(
            "SELECT 'sequence ' || {rel}, 'type=' || s.seqtypid::regtype || ' start=' || s.seqstart || ' increment=' || s.seqincrement \
             || ' min=' || s.seqmin || ' max=' || s.seqmax || ' cache=' || s.seqcache || ' cycle=' || s.seqcycle || ' persistence=' || c.relpersistence::text \
             || coalesce(' ' || (SELECT CASE d.deptype WHEN 'i' THEN 'identity of ' ELSE 'owned by ' END || d.refobjid::regclass::text || '.' || quote_ident(a.attname) \
                                 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid \
                                 WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1), '') \
             || {} \
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid WHERE {USER_NS} AND {}",
            cmt("obj_description(c.oid, 'pg_class')"),
            not_ext("pg_class", "c.oid")
        ),
        format!(
            "SELECT 'constraint ' || {rel} || '.' || quote_ident(k.conname), k.contype::text || ': ' || regexp_replace(pg_catalog.pg_get_constraintdef(k.oid, true), ' WITH \\([^)]*\\)', '') \
             || coalesce(' options=' || (SELECT string_agg(o, ',' ORDER BY o) FROM pg_catalog.pg_class ci, unnest(ci.reloptions) o WHERE ci.oid = k.conindid AND k.contype IN ('p', 'u')), '') \
             || CASE WHEN NOT k.conislocal THEN ' inherited' ELSE '' END || {} \
             FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid \
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE {USER_NS} AND {}",
            cmt("obj_description(k.oid, 'pg_constraint')"),
            not_ext("pg_class", "c.oid")
        ),
        format!(
            "SELECT 'index ' || quote_ident(n.nspname) || '.' || quote_ident(ic.relname), \
             regexp_replace(pg_catalog.pg_get_indexdef(x.indexrelid), ' WITH \\([^)]*\\)', '') \
             || coalesce(' options=' || (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(ic.reloptions) o), '') \
             || CASE WHEN x.indisclustered THEN ' clustered' ELSE '' END \
             || coalesce(' tablespace=' || (SELECT ts.spcname FROM pg_catalog.pg_tablespace ts WHERE ts.oid = ic.reltablespace), '') \
             || CASE WHEN x.indisreplident THEN ' replica identity' ELSE '' END \
             || coalesce(' attached to ' || (SELECT i.inhparent::regclass::text FROM pg_catalog.pg_inherits i WHERE i.inhrelid = ic.oid), '') \
             || CASE WHEN NOT x.indisvalid THEN ' INVALID' ELSE '' END || {} \
             FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid \
             JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace WHERE {USER_NS} AND {}",
            cmt("obj_description(ic.oid, 'pg_class')"),
            not_ext("pg_class", "x.indrelid")
        ),
        format!(
            "SELECT 'view ' || {rel}, 'kind=' || c.relkind::text || coalesce(' options=' || (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(c.reloptions) o), '') \
             || coalesce(' am=' || (SELECT am.amname FROM pg_catalog.pg_am am WHERE am.oid = c.relam AND am.amname <> 'heap'), '') \
             || coalesce(' tablespace=' || (SELECT ts.spcname FROM pg_catalog.pg_tablespace ts WHERE ts.oid = c.reltablespace), '') \
             || ' as ' || pg_catalog.pg_get_viewdef(c.oid, true) || {} \
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('v', 'm') AND {USER_NS} AND {}",
            cmt("obj_description(c.oid, 'pg_class')"),
            not_ext("pg_class", "c.oid")
        ),
        format!(
            "SELECT 'type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname), \
             CASE t.typtype \
               WHEN 'e' THEN 'enum ' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) \
               WHEN 'd' THEN 'domain over ' || pg_catalog.format_type(t.typbasetype, t.typtypmod) \
                 || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || t.typdefault, '') \
                 || CASE WHEN t.typcollation <> bt.typcollation THEN ' collate ' || t.typcollation::regcollation::text ELSE '' END \
                 || coalesce(' ' || (SELECT string_agg(quote_ident(k.conname) || ' ' || pg_catalog.pg_get_constraintdef(k.oid, true), ', ' ORDER BY k.conname) FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid), '') \
               WHEN 'c' THEN 'composite (' || (SELECT string_agg(quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')' \
               WHEN 'r' THEN 'range of ' || (SELECT r.rngsubtype::regtype::text \
                 || ' opclass=' || (SELECT quote_ident(oc.opcname) FROM pg_catalog.pg_opclass oc WHERE oc.oid = r.rngsubopc) \
                 || coalesce(' collation=' || nullif(r.rngcollation, 0)::regcollation::text, '') \
                 || ' canonical=' || r.rngcanonical::regproc::text || ' subtype_diff=' || r.rngsubdiff::regproc::text \
                 || ' multirange=' || r.rngmultitypid::regtype::text \
                 FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid) \
               ELSE 'type ' || t.typtype::text END || {} \
             FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
             LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype \
             WHERE {USER_NS} AND {} AND (t.typtype IN ('e', 'd', 'r') \
               OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c'))",
            cmt("obj_description(t.oid, 'pg_type')"),
            not_ext("pg_type", "t.oid")
        ),
        format!(
            "SELECT 'function ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', \
             CASE WHEN p.prokind = 'a' THEN 'aggregate sfunc=' || a.aggtransfn::regproc::text || ' stype=' || a.aggtranstype::regtype::text \
                  || ' finalfunc=' || a.aggfinalfn::regproc::text || coalesce(' initcond=' || a.agginitval, '') \
                  ELSE pg_catalog.pg_get_functiondef(p.oid) END || {} \
             FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace \
             LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid WHERE {USER_NS} AND {}",
            cmt("obj_description(p.oid, 'pg_proc')"),
            not_ext("pg_proc", "p.oid")
        ),
        format!(
            "SELECT 'trigger ' || {rel} || '.' || quote_ident(g.tgname), pg_catalog.pg_get_triggerdef(g.oid, true) || ' enabled=' || g.tgenabled::text || {} \
             FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid \
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE NOT g.tgisinternal AND {USER_NS}",
            cmt("obj_description(g.oid, 'pg_trigger')")
        ),
        format!(
            "SELECT 'policy ' || {rel} || '.' || quote_ident(p.polname), 'cmd=' || p.polcmd::text || ' permissive=' || p.polpermissive \
             || ' roles=' || (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1) FROM unnest(p.polroles) r) \
             || coalesce(' using ' || pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') \
             || coalesce(' check ' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '') || {} \
             FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid \
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE {USER_NS}",
            cmt("obj_description(p.oid, 'pg_policy')")
        ),
        format!(
            "SELECT 'rule ' || {rel} || '.' || quote_ident(r.rulename), pg_catalog.pg_get_ruledef(r.oid, true) || ' enabled=' || r.ev_enabled::text \
             FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class \
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE r.rulename <> '_RETURN' AND {USER_NS}"
        ),
        format!(
            "SELECT 'collation ' || quote_ident(n.nspname) || '.' || quote_ident(co.collname), 'provider=' || co.collprovider::text \
             || ' deterministic=' || co.collisdeterministic || coalesce(' collate=' || co.collcollate, '') \
             || coalesce(' ctype=' || co.collctype, '') || coalesce(' icu_locale=' || co.colliculocale, '') || {} \
             FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace WHERE {USER_NS} AND {}",
            cmt("obj_description(co.oid, 'pg_collation')"),
            not_ext("pg_collation", "co.oid")
        ),
        format!(
            "SELECT 'statistics ' || quote_ident(n.nspname) || '.' || quote_ident(s.stxname), pg_catalog.pg_get_statisticsobjdef(s.oid) || {} \
             FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace WHERE {USER_NS}",
            cmt("obj_description(s.oid, 'pg_statistic_ext')")
        ),
        "SELECT 'event trigger ' || quote_ident(e.evtname), 'on ' || e.evtevent || ' execute ' || e.evtfoid::regproc::text \
         || ' enabled=' || e.evtenabled::text || coalesce(' tags=' || array_to_string(e.evttags, ','), '') \
         FROM pg_catalog.pg_event_trigger e".to_string(),
    ];
    v.extend(opaque_queries());
    v.extend(acl_queries());
    v
}

/// Objects schemashift keeps whole (`model::Opaque`): casts, operators, operator classes and
/// families, text search configurations and dictionaries, conversions, publications, foreign
/// data wrappers, servers, user mappings and foreign table options.
fn opaque_queries() -> Vec<String> {
    let nsname = |ns: &str, name: &str| format!("quote_ident(n.nspname) || '.' || quote_ident({ns}.{name})");
    vec![
        format!(
            "SELECT 'cast ' || k.castsource::regtype::text || ' as ' || k.casttarget::regtype::text, \
             'func=' || k.castfunc::regprocedure::text || ' context=' || k.castcontext::text || ' method=' || k.castmethod::text || {} \
             FROM pg_catalog.pg_cast k WHERE k.oid >= 16384 AND {}",
            cmt("obj_description(k.oid, 'pg_cast')"),
            not_ext("pg_cast", "k.oid")
        ),
        format!(
            "SELECT 'operator ' || quote_ident(n.nspname) || '.' || o.oprname || '(' || o.oprleft::regtype::text || ', ' || o.oprright::regtype::text || ')', \
             'func=' || o.oprcode::regproc::text || ' result=' || o.oprresult::regtype::text || ' com=' || o.oprcom::regoperator::text \
             || ' neg=' || o.oprnegate::regoperator::text || ' rest=' || o.oprrest::regproc::text || ' join=' || o.oprjoin::regproc::text \
             || ' hashes=' || o.oprcanhash || ' merges=' || o.oprcanmerge || {} \
             FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace WHERE {USER_NS} AND {}",
            cmt("obj_description(o.oid, 'pg_operator')"),
            not_ext("pg_operator", "o.oid")
        ),
        format!(
            "SELECT 'opfamily ' || {} || ' using ' || a.amname, \
             'ops=' || coalesce((SELECT string_agg(m.amopstrategy || ':' || m.amopopr::regoperator::text, ',' ORDER BY m.amopstrategy, m.amopopr::regoperator::text) FROM pg_catalog.pg_amop m WHERE m.amopfamily = f.oid), '') \
             || ' procs=' || coalesce((SELECT string_agg(p.amprocnum || ':' || p.amproc::regprocedure::text, ',' ORDER BY p.amprocnum, p.amproc::regprocedure::text) FROM pg_catalog.pg_amproc p WHERE p.amprocfamily = f.oid), '') || {} \
             FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace JOIN pg_catalog.pg_am a ON a.oid = f.opfmethod \
             WHERE {USER_NS} AND {}",
            nsname("f", "opfname"),
            cmt("obj_description(f.oid, 'pg_opfamily')"),
            not_ext("pg_opfamily", "f.oid")
        ),
        format!(
            "SELECT 'opclass ' || {} || ' using ' || a.amname, 'type=' || c.opcintype::regtype::text || ' default=' || c.opcdefault \
             || ' family=' || (SELECT quote_ident(f.opfname) FROM pg_catalog.pg_opfamily f WHERE f.oid = c.opcfamily) || {} \
             FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod \
             WHERE {USER_NS} AND {}",
            nsname("c", "opcname"),
            cmt("obj_description(c.oid, 'pg_opclass')"),
            not_ext("pg_opclass", "c.oid")
        ),
        format!(
            "SELECT 'text search configuration ' || {}, 'parser=' || c.cfgparser::regproc::text || ' ' || (SELECT quote_ident(p.prsname) FROM pg_catalog.pg_ts_parser p WHERE p.oid = c.cfgparser) \
             || ' map=' || coalesce((SELECT string_agg(m.maptokentype || ':' || m.mapdict::regdictionary::text, ',' ORDER BY m.maptokentype, m.mapseqno) FROM pg_catalog.pg_ts_config_map m WHERE m.mapcfg = c.oid), '') || {} \
             FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace WHERE {USER_NS} AND {}",
            nsname("c", "cfgname"),
            cmt("obj_description(c.oid, 'pg_ts_config')"),
            not_ext("pg_ts_config", "c.oid")
        ),
        format!(
            "SELECT 'text search dictionary ' || {}, 'template=' || (SELECT quote_ident(t.tmplname) FROM pg_catalog.pg_ts_template t WHERE t.oid = d.dicttemplate) \
             || coalesce(' options=' || d.dictinitoption, '') || {} \
             FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace WHERE {USER_NS} AND {}",
            nsname("d", "dictname"),
            cmt("obj_description(d.oid, 'pg_ts_dict')"),
            not_ext("pg_ts_dict", "d.oid")
        ),
        format!(
            "SELECT 'conversion ' || {}, pg_catalog.pg_encoding_to_char(c.conforencoding) || ' to ' || pg_catalog.pg_encoding_to_char(c.contoencoding) \
             || ' func=' || c.conproc::regproc::text || ' default=' || c.condefault || {} \
             FROM pg_catalog.pg_conversion c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace WHERE {USER_NS} AND {}",
            nsname("c", "conname"),
            cmt("obj_description(c.oid, 'pg_conversion')"),
            not_ext("pg_conversion", "c.oid")
        ),
        format!(
            "SELECT 'publication ' || quote_ident(p.pubname), 'all=' || p.puballtables || ' ins=' || p.pubinsert || ' upd=' || p.pubupdate \
             || ' del=' || p.pubdelete || ' trunc=' || p.pubtruncate || ' via_root=' || p.pubviaroot \
             || ' tables=' || coalesce((SELECT string_agg(r.prrelid::regclass::text || coalesce(' where ' || pg_catalog.pg_get_expr(r.prqual, r.prrelid), '') \
                  || coalesce(' cols ' || r.prattrs::text, ''), ',' ORDER BY r.prrelid::regclass::text) FROM pg_catalog.pg_publication_rel r WHERE r.prpubid = p.oid), '') \
             || ' schemas=' || coalesce((SELECT string_agg(s.pnnspid::regnamespace::text, ',' ORDER BY 1) FROM pg_catalog.pg_publication_namespace s WHERE s.pnpubid = p.oid), '') || {} \
             FROM pg_catalog.pg_publication p",
            cmt("obj_description(p.oid, 'pg_publication')")
        ),
        format!(
            "SELECT 'foreign data wrapper ' || quote_ident(w.fdwname), 'handler=' || w.fdwhandler::regproc::text || ' validator=' || w.fdwvalidator::regproc::text \
             || coalesce(' options=' || array_to_string(w.fdwoptions, ','), '') || {} FROM pg_catalog.pg_foreign_data_wrapper w",
            cmt("obj_description(w.oid, 'pg_foreign_data_wrapper')")
        ),
        format!(
            "SELECT 'server ' || quote_ident(s.srvname), 'fdw=' || (SELECT quote_ident(w.fdwname) FROM pg_catalog.pg_foreign_data_wrapper w WHERE w.oid = s.srvfdw) \
             || coalesce(' type=' || s.srvtype, '') || coalesce(' version=' || s.srvversion, '') || coalesce(' options=' || array_to_string(s.srvoptions, ','), '') || {} \
             FROM pg_catalog.pg_foreign_server s",
            cmt("obj_description(s.oid, 'pg_foreign_server')")
        ),
        "SELECT 'user mapping ' || CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE u.umuser::regrole::text END || ' server ' || quote_ident(s.srvname), \
         coalesce('options=' || array_to_string(u.umoptions, ','), '') \
         FROM pg_catalog.pg_user_mapping u JOIN pg_catalog.pg_foreign_server s ON s.oid = u.umserver".to_string(),
        format!(
            "SELECT 'foreign table ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname), 'server=' || (SELECT quote_ident(s.srvname) FROM pg_catalog.pg_foreign_server s WHERE s.oid = f.ftserver) \
             || coalesce(' options=' || array_to_string(f.ftoptions, ','), '') \
             FROM pg_catalog.pg_foreign_table f JOIN pg_catalog.pg_class c ON c.oid = f.ftrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE {USER_NS}"
        ),
    ]
}

/// Privileges: one row per (object, grantee) with its privileges (`*`: with grant option),
/// from the ACL or, where it is NULL, the engine's default ACL (`acldefault`), so an ACL that
/// was granted and revoked back to the default compares equal to an untouched one.
fn acl_queries() -> Vec<String> {
    // The owner's own entry is named `OWNER`: owners are not compared (they differ between
    // environments and are set only with `--owners`), and a default ACL spells the owner's name.
    let grantee = |owner: &str| {
        format!("CASE WHEN x.grantee = 0 THEN 'PUBLIC' WHEN x.grantee = {owner} THEN 'OWNER' ELSE x.grantee::regrole::text END")
    };
    let privs = "string_agg(x.privilege_type || CASE WHEN x.is_grantable THEN '*' ELSE '' END, ',' ORDER BY x.privilege_type)";
    let rel = "quote_ident(n.nspname) || '.' || quote_ident(c.relname)";
    let [g0, g1, g2, g3, g4, g5, g6] = [
        grantee("c.relowner"),
        grantee("c.relowner"),
        grantee("p.proowner"),
        grantee("n.nspowner"),
        grantee("t.typowner"),
        grantee("s.srvowner"),
        grantee("w.fdwowner"),
    ];
    let gd = "CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE x.grantee::regrole::text END";
    let gl = grantee("l.lanowner");
    vec![
        format!(
            "SELECT 'acl language ' || quote_ident(l.lanname) || ' to ' || {gl}, {privs} \
             FROM pg_catalog.pg_language l, LATERAL pg_catalog.aclexplode(coalesce(l.lanacl, pg_catalog.acldefault('l'::\"char\", l.lanowner))) x \
             WHERE l.lanname NOT IN ('internal', 'c') GROUP BY 1"
        ),
        format!(
            "SELECT 'acl relation ' || {rel} || ' to ' || {g0}, {privs} \
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, \
             LATERAL pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::\"char\", c.relowner))) x \
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND {USER_NS} AND {} GROUP BY 1",
            not_ext("pg_class", "c.oid")
        ),
        format!(
            "SELECT 'acl column ' || {rel} || '.' || quote_ident(a.attname) || ' to ' || {g1}, {privs} \
             FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, \
             LATERAL pg_catalog.aclexplode(a.attacl) x WHERE a.attacl IS NOT NULL AND NOT a.attisdropped AND {USER_NS} GROUP BY 1"
        ),
        format!(
            "SELECT 'acl routine ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ') to ' || {g2}, {privs} \
             FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace, \
             LATERAL pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f'::\"char\", p.proowner))) x WHERE {USER_NS} AND {} GROUP BY 1",
            not_ext("pg_proc", "p.oid")
        ),
        format!(
            "SELECT 'acl schema ' || quote_ident(n.nspname) || ' to ' || {g3}, {privs} \
             FROM pg_catalog.pg_namespace n, LATERAL pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n'::\"char\", n.nspowner))) x \
             WHERE {USER_NS} AND {} GROUP BY 1",
            not_ext("pg_namespace", "n.oid")
        ),
        format!(
            "SELECT 'acl type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' to ' || {g4}, {privs} \
             FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace, \
             LATERAL pg_catalog.aclexplode(coalesce(t.typacl, pg_catalog.acldefault('T'::\"char\", t.typowner))) x \
             WHERE {USER_NS} AND {} AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')) GROUP BY 1",
            not_ext("pg_type", "t.oid")
        ),
        format!(
            "SELECT 'acl server ' || quote_ident(s.srvname) || ' to ' || {g5}, {privs} \
             FROM pg_catalog.pg_foreign_server s, LATERAL pg_catalog.aclexplode(coalesce(s.srvacl, pg_catalog.acldefault('S'::\"char\", s.srvowner))) x GROUP BY 1"
        ),
        format!(
            "SELECT 'acl foreign data wrapper ' || quote_ident(w.fdwname) || ' to ' || {g6}, {privs} \
             FROM pg_catalog.pg_foreign_data_wrapper w, LATERAL pg_catalog.aclexplode(coalesce(w.fdwacl, pg_catalog.acldefault('F'::\"char\", w.fdwowner))) x GROUP BY 1"
        ),
        format!(
            "SELECT 'default acl for ' || d.defaclrole::regrole::text || coalesce(' in ' || quote_ident(n.nspname), '') || ' on ' || d.defaclobjtype::text || ' to ' || {gd}, {privs} \
             FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace, \
             LATERAL pg_catalog.aclexplode(d.defaclacl) x GROUP BY 1"
        ),
    ]
}

fn quote_ident_expr(col: &str) -> String {
    format!("quote_ident({col})")
}

/// Columns of tables to seed: `table key, column, type, not null, has default, engine filled,
/// enum labels (unit-separator joined), table name, generation expression`, in column order.
pub const SEED_COLUMNS: &str = "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname, \
     pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull::text, \
     (a.atthasdef OR a.attidentity = 'd')::text, (a.attgenerated <> '' OR a.attidentity = 'a')::text, \
     coalesce((SELECT string_agg(e.enumlabel, chr(31) ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = a.atttypid), ''), \
     c.relname, \
     CASE WHEN a.attgenerated <> '' THEN (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d \
     WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum) END \
     FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition \
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' \
     ORDER BY 1, a.attnum";

/// Foreign-key edges between tables to seed: `child key, parent key`.
pub const SEED_PARENTS: &str = "SELECT DISTINCT quote_ident(n.nspname) || '.' || quote_ident(c.relname), \
     quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) \
     FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_catalog.pg_class pc ON pc.oid = k.confrelid JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace \
     WHERE k.contype = 'f' AND k.conrelid <> k.confrelid";

/// Partitions of partitioned tables: `parent key, bound, key columns (unit-separator joined)`.
pub const SEED_PARTITIONS: &str = "SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.relname), \
     pg_catalog.pg_get_expr(c.relpartbound, c.oid), \
     (SELECT string_agg(a.attname, chr(31) ORDER BY k.ord) FROM unnest(pt.partattrs::int2[]) WITH ORDINALITY k(attnum, ord) \
      JOIN pg_catalog.pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = k.attnum) \
     FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid \
     JOIN pg_catalog.pg_class p ON p.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace \
     JOIN pg_catalog.pg_partitioned_table pt ON pt.partrelid = p.oid \
     WHERE c.relispartition ORDER BY c.relname";

/// Literals that put a row in a partition, from its bound: the first list value of
/// `FOR VALUES IN (...)`, the lower bound of `FOR VALUES FROM (...) TO (...)` (the upper bound
/// minus nothing is not a literal we can make, so `MINVALUE` gives up). Empty when none.
pub fn bound_values(bound: &str) -> Vec<String> {
    let upper = bound.to_ascii_uppercase();
    let start = if let Some(p) = upper.find("FOR VALUES IN (") {
        p + "FOR VALUES IN (".len()
    } else if let Some(p) = upper.find("FOR VALUES FROM (") {
        p + "FOR VALUES FROM (".len()
    } else {
        return Vec::new();
    };
    // Split the parenthesized list at top-level commas, quotes respected.
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    let mut quoted = false;
    for c in bound[start..].chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth == 0 => break,
            ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                items.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    items.push(cur.trim().to_string());
    if upper.contains("FOR VALUES IN (") {
        // A list partition: one column, any of the values.
        return items.into_iter().take(1).filter(|v| !v.eq_ignore_ascii_case("null")).collect();
    }
    if items.iter().any(|v| v.eq_ignore_ascii_case("minvalue") || v.eq_ignore_ascii_case("maxvalue")) {
        return Vec::new();
    }
    items
}

/// Put everything a case may have created away, so the database can serve the next case.
/// The caller checks afterwards that the catalog is back to the empty baseline.
pub const RESET: &str = "DO $reset$ DECLARE r record; BEGIN \
     FOR r IN SELECT evtname FROM pg_catalog.pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I CASCADE', r.evtname); END LOOP; \
     FOR r IN SELECT pubname FROM pg_catalog.pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP; \
     FOR r IN SELECT subname FROM pg_catalog.pg_subscription s JOIN pg_catalog.pg_database d ON d.oid = s.subdbid WHERE d.datname = current_database() LOOP EXECUTE format('DROP SUBSCRIPTION %I', r.subname); END LOOP; \
     FOR r IN SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' LOOP EXECUTE format('DROP EXTENSION %I CASCADE', r.extname); END LOOP; \
     UPDATE pg_catalog.pg_language SET lanacl = NULL WHERE lanacl IS NOT NULL; \
     FOR r IN SELECT fdwname FROM pg_catalog.pg_foreign_data_wrapper LOOP EXECUTE format('DROP FOREIGN DATA WRAPPER %I CASCADE', r.fdwname); END LOOP; \
     FOR r IN SELECT amname FROM pg_catalog.pg_am WHERE oid >= 16384 LOOP EXECUTE format('DROP ACCESS METHOD %I CASCADE', r.amname); END LOOP; \
     FOR r IN SELECT castsource::regtype AS s, casttarget::regtype AS t FROM pg_catalog.pg_cast WHERE oid >= 16384 LOOP EXECUTE format('DROP CAST IF EXISTS (%s AS %s) CASCADE', r.s, r.t); END LOOP; \
     FOR r IN SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname); END LOOP; \
     END $reset$; \
     CREATE SCHEMA public AUTHORIZATION pg_database_owner; \
     GRANT USAGE ON SCHEMA public TO PUBLIC; \
     COMMENT ON SCHEMA public IS 'standard public schema'";

#[cfg(test)]
mod tests {
    use super::bound_values;

    #[test]
    fn partition_bounds_give_literals() {
        assert_eq!(bound_values("FOR VALUES IN ('a', 'b')"), vec!["'a'"]);
        assert_eq!(bound_values("FOR VALUES FROM ('2020-01-01', 5) TO ('2021-01-01', 9)"), vec!["'2020-01-01'", "5"]);
        assert!(bound_values("FOR VALUES FROM (MINVALUE) TO (10)").is_empty());
        assert!(bound_values("FOR VALUES WITH (modulus 4, remainder 0)").is_empty());
        assert!(bound_values("DEFAULT").is_empty());
    }
}
