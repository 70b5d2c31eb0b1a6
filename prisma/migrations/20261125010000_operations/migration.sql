-- Operations: the failure switches, the needs-attention list, barista stations (automatic or
-- manual) and the station each ticket goes to, remade drinks, delayed shipments.

-- CreateTable
CREATE TABLE "failure_switches" (
    "id" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "failure_switches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attention_items" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "resolution" TEXT,
    "note" TEXT,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" TEXT,

    CONSTRAINT "attention_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "barista_stations" (
    "id" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "barista_stations_pkey" PRIMARY KEY ("id")
);

-- AlterTable: existing tickets were all made by station 1's worker.
ALTER TABLE "barista_tickets" ADD COLUMN "station" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "remakes" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "barista_tickets" ALTER COLUMN "station" DROP DEFAULT, ALTER COLUMN "remakes" DROP DEFAULT;

-- AlterTable
ALTER TABLE "order_request_lines" ADD COLUMN "delayed_since" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "attention_items_event_id_step_key" ON "attention_items"("event_id", "step");

-- CreateIndex
CREATE INDEX "attention_items_status_raised_at_idx" ON "attention_items"("status", "raised_at");
