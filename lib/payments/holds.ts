// How the bookstore keys its money movements at the card network: one hold per order request,
// one capture per line that ships, one void per line that is cancelled. Asking again with the
// same key never moves money twice.
export const authorizationKeyFor = (orderId: string) => `book-auth-${orderId}`;
export const captureKeyFor = (lineId: string) => `capture-${lineId}`;
export const voidKeyFor = (lineId: string) => `void-${lineId}`;
/** The whole hold of a checkout that never finished (the process died after authorising). */
export const abandonedVoidKeyFor = (orderId: string) => `void-abandoned-${orderId}`;
