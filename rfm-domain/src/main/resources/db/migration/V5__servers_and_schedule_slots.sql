-- Servers on one database (decision 0008). Each server registers itself at start and beats every few seconds; a
-- run belongs to the server that works on it, so a run whose server stopped beating is known to be dead.
create table server_instance (
    id            varchar(64)  primary key,   -- new at every start of a server
    name          varchar(300) not null,      -- RFM_INSTANCE_NAME, default host name and data directory
    started_at    timestamp    not null,
    heartbeat_at  timestamp    not null       -- the database's clock, so servers' clocks need not agree
);

alter table scoring_run add column server_instance varchar(64);
alter table scoring_run add column scheduled_for timestamp;

-- One scheduled run per time slot across every server: a server's timer runs a slot only if it is the first to
-- claim it, whether or not another server's run of that slot has already finished.
create table schedule_slot (
    job         varchar(40) not null,
    slot        timestamp   not null,
    claimed_by  varchar(64) not null,
    claimed_at  timestamp   not null,
    constraint pk_schedule_slot primary key (job, slot)
);
