-- Carts expire: a cart untouched for CART_TTL_HOURS is ignored by reads and deleted by cart
-- writes and the relay's retention pass. "Touched" is updated_at, moved on every row of the cart
-- at each write; existing rows start from when they were added.

-- AlterTable
ALTER TABLE "cart_items" ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "cart_items" SET "updated_at" = "added_at";

-- CreateIndex
CREATE INDEX "cart_items_updated_at_idx" ON "cart_items"("updated_at");
