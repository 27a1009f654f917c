-- The dashboard's language per user (issue 9): remembered across sessions and devices. Null = the browser's.
alter table app_user add column language varchar(16);
