// The order rate limits of the shop under test (scripts/e2e-server.ts sets them, the specs rely on
// them). Every spec's customers come from one address, 127.0.0.1, so the per-address limit is
// raised above what a whole run places in a minute; the per-customer one stays as in production.
// e2e/security.spec.ts proves both, with client addresses of its own.
export const E2E_ORDERS_PER_CUSTOMER = 10;
export const E2E_ORDERS_PER_ADDRESS = 200;

// The edge's other limits, likewise raised per address (a whole run mints its customers and writes
// its carts from 127.0.0.1) and kept small enough per customer that e2e/edge.spec.ts can reach them.
export const E2E_CUSTOMER_MINTS_PER_ADDRESS = 1000;
export const E2E_CART_WRITES_PER_CUSTOMER = 30;
export const E2E_CART_WRITES_PER_ADDRESS = 5000;
export const E2E_STREAMS_PER_CUSTOMER = 6;
