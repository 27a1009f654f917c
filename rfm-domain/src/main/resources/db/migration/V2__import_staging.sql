-- Work tables of the order import (dev.rfm.domain.ingest.OrderImporter), portable path (H2 and others).
-- Rows live only inside one import's transaction: the import inserts them, merges them into customer and
-- customer_order with set-based SQL, and deletes them before it commits, so no other session ever sees a
-- row here. Imports are serialized by the app_lock row 'import', so one import at a time uses the tables.
-- On PostgreSQL the importer uses session-local temporary tables of the same shape instead (ON COMMIT DROP:
-- no WAL, nothing to delete or vacuum); these tables then stay empty.

-- one row per valid CSV line
create table import_staging_line (
    line_no         bigint         not null,
    customer_ext    varchar(64)    not null,
    order_ext       varchar(64)    not null,
    ordered_at      timestamp      not null,
    amount          numeric(19, 4) not null,
    quantity        integer,
    channel         varchar(40),
    customer_name   varchar(200),
    customer_email  varchar(254),
    constraint pk_import_staging_line primary key (line_no)
);
-- the item lines of one order in file order: grouping and first-line look-ups
create index ix_import_staging_line_order on import_staging_line (order_ext, line_no);

-- one row per order_id of the file: the item lines added up, and the verdict on the order
create table import_staging_order (
    order_ext     varchar(64)    not null,
    first_line    bigint         not null,  -- the line that names the order first
    line_count    bigint         not null,
    customer_ext  varchar(64)    not null,  -- after the checks: the customer the order belongs to
    customer_max  varchar(64)    not null,  -- differs from customer_ext when lines name several customers
    ordered_at    timestamp      not null,  -- earliest of the item lines
    amount        numeric(38, 4) not null,  -- wider than customer_order.amount: sums are range-checked
    quantity      bigint,
    channel       varchar(40),
    channel_max   varchar(40),
    verdict       varchar(1)                -- null = to import; D duplicate; X/M line checks; A/Q out of range
);
-- no primary key: order_ext is unique by construction (GROUP BY), and every index costs per row
create index ix_import_staging_order_customer on import_staging_order (customer_ext);

-- one row per customer of the imported orders
create table import_staging_customer (
    customer_ext  varchar(64)  not null,
    first_seen    date         not null,
    name_min      varchar(200),
    name_max      varchar(200),
    email_min     varchar(254),
    email_max     varchar(254),
    constraint pk_import_staging_customer primary key (customer_ext)
);
