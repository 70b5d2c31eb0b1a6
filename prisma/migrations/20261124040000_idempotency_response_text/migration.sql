-- Stored answers are replayed byte for byte: keep the JSON text as sent (jsonb reorders keys).
-- AlterTable
ALTER TABLE "idempotency_keys" ALTER COLUMN "response" SET DATA TYPE TEXT USING "response"::text;
