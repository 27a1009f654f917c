-- The custom segment rules as a run used them (issue 9): the Customer page says which rule put a customer in its
-- custom segment in that run, even after the rules were edited. Written with the run's results, deleted with them.
create table run_custom_rule (
    run_id      bigint        not null,
    position    integer       not null,
    code        varchar(40)   not null,
    conditions  varchar(4000) not null,
    constraint pk_run_custom_rule primary key (run_id, position)
);
