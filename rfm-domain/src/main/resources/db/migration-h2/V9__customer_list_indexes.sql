-- The Customers page's sort indexes (issue 9), as on PostgreSQL (see its V9): one per column the page sorts by, with
-- the customer key last. H2 has no trigram index: the search for part of a name or e-mail address scans the
-- customers, which is correct and fast enough at the sizes the embedded database is meant for.
create index ix_customer_score_recency on customer_score (run_id, recency_days, customer_id);
create index ix_customer_score_frequency on customer_score (run_id, frequency, customer_id);
create index ix_customer_score_monetary on customer_score (run_id, monetary, customer_id);
create index ix_customer_score_r on customer_score (run_id, r_score, customer_id);
create index ix_customer_score_f on customer_score (run_id, f_score, customer_id);
create index ix_customer_score_m on customer_score (run_id, m_score, customer_id);
create index ix_customer_score_p_alive on customer_score (run_id, p_alive, customer_id);
create index ix_customer_score_predicted_clv on customer_score (run_id, predicted_clv, customer_id);
create index ix_customer_name on customer (name, id);
