-- The measured consistency window: one row per asynchronous step that handled an event, with the
-- moments it passed through (the causing event's commit, its publishing, the job's start, the
-- handler's commit). Written by the worker after the handler, outside the handler's transaction;
-- read by /ops/lag and GET /api/lag; pruned after an hour by the relay's retention pass.

-- CreateTable
CREATE TABLE "step_timings" (
    "step" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "committed_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "handled_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "step_timings_pkey" PRIMARY KEY ("step","event_id")
);

-- CreateIndex
CREATE INDEX "step_timings_step_handled_at_idx" ON "step_timings"("step", "handled_at");

-- CreateIndex
CREATE INDEX "step_timings_handled_at_idx" ON "step_timings"("handled_at");
