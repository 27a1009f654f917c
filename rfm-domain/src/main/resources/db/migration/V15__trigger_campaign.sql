-- A trigger may work for a campaign (issue 11, decisions 0015 and 0017): customers in that campaign's control group
-- are left out of its batches, so the measured uplift is not spoilt by contacting the control group. Portable SQL.

-- No "on delete" action: a campaign that a trigger names cannot be deleted until the trigger is changed. Setting the
-- column to null would silently start sending the control group; cascading would delete the trigger and its log.
alter table segment_trigger add column campaign_id bigint;
alter table segment_trigger add constraint fk_segment_trigger_campaign
    foreign key (campaign_id) references campaign (id);

-- How many customers entered the segment but were left out as control-group members of the trigger's campaign in
-- this run (0 without a campaign): the delivery log shows it, so a marketer can see the control group was respected.
alter table trigger_evaluation add column held_out bigint default 0 not null;
