// One view load per order per change, however many streams follow that order in this process.
// Each stream used to load the order's view itself on every change: ten tabs on one order were
// ten identical queries per change. Now the first stream of an order opens a feed (one hub
// listener) and the rest join it; the feed loads the view once and hands the result to every
// stream, and closes when its last stream leaves.
//
// Changes that arrive while a view is loading fold into one more load afterwards; the event then
// carries the oldest commit it answers for (a stream's "how late is this" stays honest).
//
// Sharing is safe because a view is keyed by order id and an order has exactly one customer:
// every stream checks, when it opens, that the order is its customer's (see the stream route),
// so all streams of one feed belong to the same customer and the feed's loader (that of the
// stream that opened it) reads exactly what each of them may see.
import type { LiveMessage } from './channel';
import { onAnyChange, onOrderChange } from './hub';

export type ViewListener<V> = (view: V, committedAt: number) => void;

interface Feed {
  load: () => Promise<unknown>;
  listeners: Set<ViewListener<unknown>>;
  loading: boolean;
  oldestPending: number | null;
  unsubscribe: () => void;
}

const holder = globalThis as unknown as { __viewFeeds?: { feeds: Map<string, Feed>; loads: number } };
const state = (holder.__viewFeeds ??= { feeds: new Map(), loads: 0 });

/**
 * Follows `kind` views of one order: `listener` gets every view loaded after a change. `load`
 * is used only if this call opens the feed. Returns the function that stops following.
 */
export function followOrderView<V>(orderId: string, kind: string, load: () => Promise<V | null>, listener: ViewListener<V>): () => void {
  const key = `${kind}:${orderId}`;
  let feed = state.feeds.get(key);
  if (!feed) {
    const opened: Feed = { load, listeners: new Set(), loading: false, oldestPending: null, unsubscribe: () => {} };
    opened.unsubscribe = onOrderChange(orderId, (message) => {
      opened.oldestPending = Math.min(opened.oldestPending ?? message.committedAt, message.committedAt);
      void refresh(opened);
    });
    state.feeds.set(key, opened);
    feed = opened;
  }
  const joined = feed;
  const own = listener as ViewListener<unknown>;
  joined.listeners.add(own);
  return () => {
    joined.listeners.delete(own);
    if (joined.listeners.size === 0 && state.feeds.get(key) === joined) {
      joined.unsubscribe();
      state.feeds.delete(key);
    }
  };
}

/** After a failed load (the database busy or briefly away), the change is loaded again this much later. */
const RETRY_FAILED_LOAD_MS = 1_000;

async function refresh(feed: Feed): Promise<void> {
  if (feed.loading) return;
  feed.loading = true;
  let failedAt: number | null = null;
  try {
    while (feed.oldestPending !== null && feed.listeners.size > 0) {
      const committedAt = feed.oldestPending;
      feed.oldestPending = null;
      state.loads += 1;
      try {
        const view = await feed.load();
        if (view) for (const listener of [...feed.listeners]) listener(view, committedAt);
      } catch {
        failedAt = committedAt;
        break;
      }
    }
  } finally {
    feed.loading = false;
  }
  // The change is still unseen: keep it (with anything newer) and try again, rather than leave the
  // streams on the view before it. Their pages also check in on their own while a step is pending.
  if (failedAt !== null) {
    feed.oldestPending = Math.min(feed.oldestPending ?? failedAt, failedAt);
    setTimeout(() => void refresh(feed), RETRY_FAILED_LOAD_MS).unref?.();
  }
}

interface BoardFeed {
  listeners: Set<(view: unknown) => void>;
  timer: ReturnType<typeof setTimeout> | undefined;
  unsubscribe: () => void;
}

const boards = new Map<string, BoardFeed>();

/**
 * The same sharing for a view of the whole shop (the barista board): every change `matters`
 * lets through schedules one load at most `minIntervalMs` later, and its result goes to every
 * follower. Returns the function that stops following.
 */
export function followShopView<V>(
  key: string,
  matters: (message: LiveMessage) => boolean,
  minIntervalMs: number,
  load: () => Promise<V>,
  listener: (view: V) => void,
): () => void {
  let feed = boards.get(key);
  if (!feed) {
    const opened: BoardFeed = { listeners: new Set(), timer: undefined, unsubscribe: () => {} };
    /** Never rejects: a failed load is left to the next change, or the clients' own refetch. */
    const reload = async () => {
      opened.timer = undefined;
      try {
        state.loads += 1;
        const view = await load();
        for (const follower of [...opened.listeners]) follower(view);
      } catch {
        // the next change, or the clients' own refetch, catches up
      }
    };
    opened.unsubscribe = onAnyChange((message) => {
      if (opened.timer || !matters(message)) return;
      opened.timer = setTimeout(() => void reload(), minIntervalMs);
    });
    boards.set(key, opened);
    feed = opened;
  }
  const joined = feed;
  const own = listener as (view: unknown) => void;
  joined.listeners.add(own);
  return () => {
    joined.listeners.delete(own);
    if (joined.listeners.size === 0 && boards.get(key) === joined) {
      clearTimeout(joined.timer);
      joined.unsubscribe();
      boards.delete(key);
    }
  };
}

/** For tests and diagnostics: view loads made by feeds in this process, and feeds open now. */
export function viewFeedStats(): { loads: number; feeds: number } {
  return { loads: state.loads, feeds: state.feeds.size + boards.size };
}
