"""Jobs: submission, the queue in the jobs table, workers, credits and the reaper."""
