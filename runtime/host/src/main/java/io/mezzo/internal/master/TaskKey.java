package io.mezzo.internal.master;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;

/** Task ids are unique per framework; this pair is unique in the cluster. */
record TaskKey(FrameworkId frameworkId, TaskId taskId) {}
