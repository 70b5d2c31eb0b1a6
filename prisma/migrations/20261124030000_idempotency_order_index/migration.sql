-- The payment-timeout sweeper settles the idempotency record of the order it cancels.
-- CreateIndex
CREATE INDEX "idempotency_keys_order_id_idx" ON "idempotency_keys"("order_id");
