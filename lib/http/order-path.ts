// Where an order's page is: the Location of a placed order, and the link beside a refusal or an
// outage that names one.
export const orderPath = (orderId: string): string => `/orders/${orderId}`;
