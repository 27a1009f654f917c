-- Users as the Users page and /api/users manage them (issue 8): one role each, can be disabled, must change a
-- generated password at first sign-in.
alter table app_user add column enabled boolean default true not null;
alter table app_user add column must_change_password boolean default false not null;
alter table app_user add column last_login_at timestamp;
alter table app_user add column password_changed_at timestamp;

-- What a scoring run must be able to add up exactly: the absolute amounts of all stored orders together, in
-- ten-thousandths, fit a 64-bit integer. Imports keep this total (under the import lock) and reject the line that
-- would pass the bound, so no accepted row can break a later run.
create table order_totals (
    id              integer        primary key,
    abs_amount_sum  numeric(38, 4) not null
);
insert into order_totals (id, abs_amount_sum) select 1, coalesce(sum(abs(amount)), 0) from customer_order;
