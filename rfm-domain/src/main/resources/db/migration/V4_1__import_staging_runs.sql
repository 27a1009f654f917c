-- The order import stages runs of adjacent item lines (dev.rfm.domain.ingest.ItemLineMerger): one row stands
-- for line_count lines, line_no .. line_no + line_count - 1. When no order of a file comes back after other
-- orders, the staged rows are the orders themselves: the merge then skips adding up item lines and marks
-- duplicates and clashes on import_staging_line directly (verdict as in import_staging_order), looking up
-- customers' first lines through the customer index. Version 4.1, not 5: only the staging tables change.
alter table import_staging_line add column line_count integer default 1 not null;
alter table import_staging_line add column verdict varchar(1);
create index ix_import_staging_line_customer on import_staging_line (customer_ext, line_no);
