// Customers, over HTTP, as a careful real client would behave: each has a cookie jar, every order
// carries an Idempotency-Key, and when the shop cannot answer (the connection drops, 503 with
// Retry-After, 409 "still in progress") the same request is sent again with the same key until a
// final answer comes or the client gives up. Every HTTP answer is recorded; what counts as wrong:
// any 500, a 503 without Retry-After, and an order that never got a final answer.
import { randomUUID } from 'node:crypto';

export const CARDS = {
  approved: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  otherApproved: '5555 5555 5555 4444',
};

export const ADDRESS = { name: 'Ada Reader', line1: '1 Library Lane', city: 'London', postcode: 'N1 9GU', country: 'GB' };

/** Books with plenty of copies: the background load rarely backorders. The race uses its own book. */
export const LOAD_BOOKS = [
  '0198a000-0000-7000-8000-000000000001',
  '0198a000-0000-7000-8000-000000000002',
  '0198a000-0000-7000-8000-000000000004',
  '0198a000-0000-7000-8000-000000000005',
  '0198a000-0000-7000-8000-000000000017',
];

/** How long a client keeps asking for the final answer to one order (longer than the payment timeout). */
const FINAL_ANSWER_WITHIN_MS = 45_000;
/** A client in a hurry: it honours Retry-After, but waits at most this long between tries. */
const MAX_RETRY_WAIT_MS = 1_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

export interface FinalAnswer extends Answer {
  what: 'coffee' | 'checkout';
  customerId: string;
  key: string;
}

/** What one HTTP exchange ended as: an answer, or no answer (connection refused, reset, timed out). */
export type Exchange = { answer: Answer } | { lost: string };

export class Recorder {
  /**
   * @param outage whether PostgreSQL or Redis is down on purpose during this run: only then may
   *   the shop answer 503 (with Retry-After); otherwise a 503 is as wrong as a 500.
   */
  constructor(readonly outage = false) {}

  readonly answers: Answer[] = [];
  lostConnections = 0;
  readonly problems: string[] = [];
  /** Every final answer to an order or checkout, to hold against what the database says. */
  readonly finals: FinalAnswer[] = [];
  /** Orders (and checkouts) that got a final answer, and those that never did. */
  placed = 0;
  unanswered = 0;

  record(what: string, exchange: Exchange): void {
    if ('lost' in exchange) {
      this.lostConnections++;
      return;
    }
    const { answer } = exchange;
    this.answers.push(answer);
    if (answer.status >= 500 && answer.status !== 503) this.problem(`${what}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
    if (answer.status === 503 && !answer.retryAfter) this.problem(`${what}: 503 without Retry-After`);
    else if (answer.status === 503 && !this.outage) this.problem(`${what}: 503 with nothing down`);
  }

  problem(text: string): void {
    if (this.problems.length < 50) this.problems.push(text);
  }

  counts() {
    const c = { ok2xx: 0, client4xx: 0, unavailable503: 0, server5xx: 0 };
    for (const a of this.answers) {
      if (a.status < 300) c.ok2xx++;
      else if (a.status < 500) c.client4xx++;
      else if (a.status === 503) c.unavailable503++;
      else c.server5xx++;
    }
    return c;
  }
}

export class Customer {
  readonly cookies = new Map<string, string>();
  /** The books this customer believes are in their server-side cart. */
  readonly cart = new Set<string>();
  id: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly recorder: Recorder,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Exchange> {
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      for (const c of res.headers.getSetCookie()) {
        const m = /^([^=;]+)=([^;]*)/.exec(c);
        if (m) this.cookies.set(m[1]!, m[2]!);
      }
      this.id = this.cookies.get('cs_customer') ?? this.id;
      const exchange = { answer: { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() } };
      this.recorder.record(`${method} ${path}`, exchange);
      return exchange;
    } catch (error) {
      const exchange = { lost: error instanceof Error ? error.message : String(error) };
      this.recorder.record(`${method} ${path}`, exchange);
      return exchange;
    }
  }

  /** Sends until a final answer: anything but no answer, 503 and 409 IDEMPOTENCY.IN_PROGRESS. */
  async untilFinal(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer | null> {
    const deadline = Date.now() + FINAL_ANSWER_WITHIN_MS;
    for (let attempt = 1; ; attempt++) {
      const exchange = await this.send(method, path, body, headers);
      if ('answer' in exchange) {
        const { answer } = exchange;
        const inProgress = answer.status === 409 && answer.body.includes('IDEMPOTENCY.IN_PROGRESS');
        if (answer.status !== 503 && !inProgress) return answer;
      }
      if (Date.now() > deadline) return null;
      const retryAfterMs = 'answer' in exchange && exchange.answer.retryAfter ? Number(exchange.answer.retryAfter) * 1000 : 0;
      await sleep(Math.min(Math.max(retryAfterMs, 100 * attempt), MAX_RETRY_WAIT_MS));
    }
  }

  /** The first visit: the shop hands out the customer cookie. */
  async arrive(): Promise<void> {
    const answer = await this.untilFinal('GET', '/api/ping');
    if (!answer || !this.id) throw new Error('the shop did not hand out a customer cookie');
  }

  async orderCoffee(card: string, key: string = randomUUID()): Promise<Answer | null> {
    const drinks = [
      { itemId: 'latte', size: 'M', milk: 'oat', quantity: 1 },
      { itemId: 'espresso', size: 'S', quantity: 1 },
      { itemId: 'cappuccino', size: 'L', milk: 'whole', quantity: 2 },
      { itemId: 'tea', size: 'M', quantity: 1 },
    ];
    const items = [drinks[Math.floor(Math.random() * drinks.length)]!];
    const body = coffeeBody(card, items);
    return this.finalOrder('coffee order', '/api/coffee/orders', body, key);
  }

  /** Puts books in the cart (retrying adds that got no answer), then checks out with one key. */
  async buyBooks(card: string, books: { bookId: string; quantity: number }[], key: string = randomUUID()): Promise<Answer | null> {
    for (const book of books) {
      // A book already in the cart (a declined checkout leaves it there) gets its quantity set.
      if (this.cart.has(book.bookId)) await this.untilFinal('PUT', `/api/cart/items/${book.bookId}`, { quantity: book.quantity });
      else await this.untilFinal('POST', '/api/cart/items', book);
      this.cart.add(book.bookId);
    }
    const answer = await this.finalOrder('checkout', '/api/bookstore/orders', checkoutBody(card), key);
    if (answer && answer.status < 300) this.cart.clear(); // the order request took the cart
    return answer;
  }

  async finalOrder(what: string, path: string, body: unknown, key: string): Promise<Answer | null> {
    const answer = await this.untilFinal('POST', path, body, { 'Idempotency-Key': key });
    if (answer) {
      this.recorder.placed++;
      this.recorder.finals.push({ what: path === '/api/coffee/orders' ? 'coffee' : 'checkout', customerId: this.id!, key, ...answer });
    } else {
      this.recorder.unanswered++;
      this.recorder.problem(`${what} ${key}: no final answer within ${FINAL_ANSWER_WITHIN_MS / 1000} s`);
    }
    return answer;
  }
}

const expiryYear = new Date().getUTCFullYear() + 2;
const card = (number: string) => ({ number, expMonth: 12, expYear: expiryYear, cvc: '123' });

export const coffeeBody = (number: string, items: unknown[]) => ({ customerName: 'Faulty', items, card: card(number) });
export const checkoutBody = (number: string) => ({ address: ADDRESS, card: card(number) });

/** Mostly good cards, some declined: both outcomes run through every fault. */
export function someCard(): string {
  const r = Math.random();
  if (r < 0.65) return CARDS.approved;
  if (r < 0.75) return CARDS.otherApproved;
  if (r < 0.9) return CARDS.declined;
  return CARDS.insufficientFunds;
}

export interface Load {
  recorder: Recorder;
  customers: Customer[];
  stop(): Promise<void>;
}

/**
 * `size` customers, each ordering in a loop (about six coffees to four checkouts) until stopped.
 * Each loop finishes the order it is on — with its retries — before it stops.
 */
export async function startLoad(baseUrl: string, size: number, recorder = new Recorder()): Promise<Load> {
  const customers = Array.from({ length: size }, () => new Customer(baseUrl, recorder));
  await Promise.all(customers.map((c) => c.arrive()));
  let stopping = false;
  const loops = customers.map(async (customer) => {
    while (!stopping) {
      if (Math.random() < 0.6) await customer.orderCoffee(someCard());
      else {
        const bookId = LOAD_BOOKS[Math.floor(Math.random() * LOAD_BOOKS.length)]!;
        await customer.buyBooks(someCard(), [{ bookId, quantity: 1 + Math.floor(Math.random() * 2) }]);
      }
      await sleep(100 + Math.random() * 200);
    }
  });
  return {
    recorder,
    customers,
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
