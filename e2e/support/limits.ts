// The order rate limits of the shop under test (scripts/e2e-server.ts sets them, the specs rely on
// them). Every spec's customers come from one address, 127.0.0.1, so the per-address limit is
// raised above what a whole run places in a minute; the per-customer one stays as in production.
// e2e/security.spec.ts proves both, with client addresses of its own.
export const E2E_ORDERS_PER_CUSTOMER = 10;
export const E2E_ORDERS_PER_ADDRESS = 200;
