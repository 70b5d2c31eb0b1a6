-- The bookstore: catalogue, per-book inventory aggregates with their stock claims, carts, order
-- requests with their lines, the customer's inbox, and the fake courier's records.

-- CreateTable
CREATE TABLE "books" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "books_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventories" (
    "book_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "stocked" INTEGER NOT NULL,
    "available" INTEGER NOT NULL,
    "reserved" INTEGER NOT NULL,
    "shipped" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inventories_pkey" PRIMARY KEY ("book_id"),
    -- The inventory rule, kept by the database as well as by the domain code.
    CONSTRAINT "inventories_never_negative" CHECK ("available" >= 0 AND "reserved" >= 0 AND "shipped" >= 0),
    CONSTRAINT "inventories_balance" CHECK ("available" + "reserved" + "shipped" = "stocked")
);

-- CreateTable
CREATE TABLE "stock_claims" (
    "line_id" UUID NOT NULL,
    "book_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stock_claims_pkey" PRIMARY KEY ("line_id")
);

-- CreateTable
CREATE TABLE "cart_items" (
    "customer_id" UUID NOT NULL,
    "book_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cart_items_pkey" PRIMARY KEY ("customer_id","book_id")
);

-- CreateTable
CREATE TABLE "order_requests" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "total_cents" INTEGER NOT NULL,
    "card_last4" TEXT NOT NULL,
    "authorization_key" TEXT NOT NULL,
    "ship_to" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_request_lines" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "book_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_cents" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "decide_by" TIMESTAMPTZ(3),
    "waiting" BOOLEAN NOT NULL,
    "cancel_reason" TEXT,
    "captured_cents" INTEGER NOT NULL,
    "released_cents" INTEGER NOT NULL,
    "carrier" TEXT,
    "tracking_number" TEXT,
    "shipped_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "order_request_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_messages" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "courier_shipments" (
    "tracking_number" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "address" JSONB NOT NULL,
    "dispatched_at" TIMESTAMPTZ(3) NOT NULL,
    "deliver_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "courier_shipments_pkey" PRIMARY KEY ("tracking_number")
);

-- CreateIndex
CREATE INDEX "books_position_idx" ON "books"("position");

-- CreateIndex
CREATE INDEX "stock_claims_book_id_status_requested_at_idx" ON "stock_claims"("book_id", "status", "requested_at");

-- CreateIndex
CREATE INDEX "order_requests_customer_id_created_at_idx" ON "order_requests"("customer_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "order_request_lines_request_id_position_key" ON "order_request_lines"("request_id", "position");

-- CreateIndex
CREATE INDEX "order_request_lines_status_decide_by_idx" ON "order_request_lines"("status", "decide_by");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_messages_event_id_key" ON "inbox_messages"("event_id");

-- CreateIndex
CREATE INDEX "inbox_messages_customer_id_sent_at_idx" ON "inbox_messages"("customer_id", "sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "courier_shipments_idempotency_key_key" ON "courier_shipments"("idempotency_key");

-- AddForeignKey
ALTER TABLE "stock_claims" ADD CONSTRAINT "stock_claims_book_id_fkey" FOREIGN KEY ("book_id") REFERENCES "inventories"("book_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_request_lines" ADD CONSTRAINT "order_request_lines_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "order_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
