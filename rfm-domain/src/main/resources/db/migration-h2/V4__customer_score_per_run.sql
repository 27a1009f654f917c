-- H2 has no partitions: customer_score stays one table (PostgreSQL partitions it per run, see its V4).
-- No query reads a customer's rows across runs, so the (customer_id, run_id) index only cost every run's insert.
drop index ix_customer_score_customer;
