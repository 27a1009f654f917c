-- The Customers page at a million customers (issue 9, docs/PERFORMANCE.md): sorted pages read in index order, and
-- the search for part of a name or e-mail address through trigram indexes. H2 has its own V9 (no trigrams).
--
-- One index per column the page sorts by, with the customer key last (the page's tie-breaker): a forward scan serves
-- the ascending sort, a backward scan the descending one (CustomerList reads nulls separately, so that both
-- directions can put them last). Created on the partitioned customer_score, so every run's partition gets them: a run
-- builds them in bulk when it attaches its partition (see CustomerScoreTable).
create index ix_customer_score_recency on customer_score (run_id, recency_days, customer_id);
create index ix_customer_score_frequency on customer_score (run_id, frequency, customer_id);
create index ix_customer_score_monetary on customer_score (run_id, monetary, customer_id);
create index ix_customer_score_r on customer_score (run_id, r_score, customer_id);
create index ix_customer_score_f on customer_score (run_id, f_score, customer_id);
create index ix_customer_score_m on customer_score (run_id, m_score, customer_id);
create index ix_customer_score_p_alive on customer_score (run_id, p_alive, customer_id);
create index ix_customer_score_predicted_clv on customer_score (run_id, predicted_clv, customer_id);
-- sorting by name walks the customers in name order and looks up each one's row of the run by its primary key
create index ix_customer_name on customer (name, id);

-- pg_trgm is a contrib extension shipped with PostgreSQL and "trusted" since PostgreSQL 13: a database user with the
-- CREATE privilege on the database may install it. Where it cannot be installed the migration goes on without the
-- trigram indexes: the search stays correct and scans the customers (about a second at a million).
do $$
begin
    create extension if not exists pg_trgm;
exception when others then
    raise warning 'pg_trgm cannot be installed (%): the customer search will scan the customer table', sqlerrm;
end
$$;

do $$
declare
    trgm_schema text;
begin
    -- the operator class qualified by the extension's schema, which need not be on the search path
    select n.nspname into trgm_schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
    if trgm_schema is not null then
        -- the search is lower(name) like '%text%' or lower(email) like '%text%' (CustomerList.where)
        execute format('create index ix_customer_name_trgm on customer using gin (lower(name) %I.gin_trgm_ops)',
                       trgm_schema);
        execute format('create index ix_customer_email_trgm on customer using gin (lower(email) %I.gin_trgm_ops)',
                       trgm_schema);
    end if;
end
$$;

-- statistics of the indexed expressions (lower(name), lower(email)), so that the planner sees how few customers a
-- search keeps from the start
analyze customer;
