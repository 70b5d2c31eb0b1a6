-- The reconciler: an outbox row is kept until every subscriber has consumed it (consumed_at), not
-- for a day after it was published, so events lost with Redis's data can be published again.
-- Rows published before this migration are left unconsumed: the reconciler checks them like any
-- other (handlers are idempotent, so one published again by mistake changes nothing).

-- AlterTable
ALTER TABLE "outbox" ADD COLUMN "consumed_at" TIMESTAMPTZ(3);

-- CreateIndex: the reconciler walks unconsumed rows by publication time (consumed_at IS NULL sorts
-- last, in one contiguous range); retention prunes by consumed_at.
CREATE INDEX "outbox_consumed_at_published_at_idx" ON "outbox"("consumed_at", "published_at");

-- AlterTable: a needs-attention item for a job too malformed to name its order has none.
ALTER TABLE "attention_items" ALTER COLUMN "order_id" DROP NOT NULL;
