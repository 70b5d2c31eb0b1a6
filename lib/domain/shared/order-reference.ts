// The short reference a customer quotes for an order: the same on every page and in every mail,
// so "order 3FA9C21B" in the inbox finds the page that says "order 3FA9C21B".
//
// Ids are UUID v7: the first hex digits are the clock (orders placed within the same minute or so
// share them), the last ones are random. So the reference is taken from the end.

const REFERENCE_LENGTH = 8;

export function orderReference(orderId: string): string {
  return orderId.replaceAll('-', '').slice(-REFERENCE_LENGTH).toUpperCase();
}
