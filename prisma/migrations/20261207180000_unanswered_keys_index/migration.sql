-- The keys still waiting for their answer, oldest first: what the relay's abandoned-checkout sweep
-- looks for every second (lib/reactions/bookstore-timers.ts). Without it that sweep read every
-- key kept (7.6 ms at 100,000 orders, growing with each one); with it, only the keys in flight.
-- Partial, so schema.prisma cannot express it (see tests/integration/schema-matches.test.ts).
CREATE INDEX "idempotency_keys_unanswered_idx" ON "idempotency_keys" ("created_at")
  WHERE "status_code" IS NULL AND "order_id" IS NOT NULL;
