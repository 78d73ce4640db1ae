-- Spring Batch's schema has no index on its foreign keys or statuses (PostgreSQL does not create one
-- for a foreign key; H2 does). Every read of an execution reads its steps by job_execution_id, and
-- recovery and the console look executions up by status: without these, each is a scan of the whole
-- history.
CREATE INDEX batch_step_execution_job ON BATCH_STEP_EXECUTION (JOB_EXECUTION_ID);
CREATE INDEX batch_step_execution_status ON BATCH_STEP_EXECUTION (STATUS);
CREATE INDEX batch_job_execution_instance ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID);
CREATE INDEX batch_job_execution_status ON BATCH_JOB_EXECUTION (STATUS);
