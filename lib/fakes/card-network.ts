// A stand-in for a real card network, which the product does not own. It behaves like one where
// the product can tell: it takes time, it answers each idempotency key once and replays that
// answer, and it keeps its own ledger (here a table of its own) of charges and refunds (the
// coffee shop) and of holds, captures and voids against them (the bookstore).
//
// Test cards: 4242 4242 4242 4242 approved; 4000 0000 0000 0002 declined; 4000 0000 0000 9995
// declined for insufficient funds; 4000 0000 0000 3220 approved after a slow 3 s answer; any other
// Luhn-valid number approved.
//
// It also obeys the failure switches (lib/switches), read on every call (cached for half a
// second), in whichever process calls it:
//  - card.declineRate: that share of otherwise approved charges and holds is declined
//    ('card_declined');
//  - card.extraLatencyMs: added to every answer, lookups included;
//  - card.unknownOutcomeRate: that share of newly approved charges and holds is recorded in the
//    ledger — the money moved — and then the answer is lost: the call throws CardNetworkTimeout.
//    The caller finds out what happened by looking the key up; asking again with the same key
//    replays the recorded answer.
import { config } from '../config';
import { db, pool } from '../db/client';
import { newId } from '../ids';
import {
  type AuthorizationResult,
  type CardNetwork,
  CardNetworkTimeout,
  type ChargeResult,
  type DeclineCode,
  HoldExceeded,
  type HoldMovement,
  type RefundResult,
} from '../payments/card-network';
import { happens } from '../switches/settings';
import { currentSwitches } from '../switches/store';

export const TEST_CARDS = {
  approved: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  slow: '4000000000003220',
} as const;

const SLOW_CARD_LATENCY_MS = 3_000;

function decide(cardNumber: string): { declineCode: DeclineCode | null; latencyMs: number } {
  const latencyMs = config().CARD_LATENCY_MS;
  switch (cardNumber) {
    case TEST_CARDS.declined:
      return { declineCode: 'card_declined', latencyMs };
    case TEST_CARDS.insufficientFunds:
      return { declineCode: 'insufficient_funds', latencyMs };
    case TEST_CARDS.slow:
      return { declineCode: null, latencyMs: SLOW_CARD_LATENCY_MS };
    default:
      return { declineCode: null, latencyMs };
  }
}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

/** The network's own time to answer plus whatever the switches add. */
async function answerAfter(latencyMs: number): Promise<void> {
  await sleep(latencyMs + (await currentSwitches()).card.extraLatencyMs);
}

type Entry = NonNullable<Awaited<ReturnType<ReturnType<typeof db>['cardNetworkEntry']['findUnique']>>>;

function toChargeResult(entry: Entry): ChargeResult {
  return entry.outcome === 'approved'
    ? { outcome: 'approved', chargeKey: entry.idempotencyKey, amountCents: entry.amountCents }
    : { outcome: 'declined', chargeKey: entry.idempotencyKey, code: (entry.declineCode ?? 'card_declined') as DeclineCode };
}

function toAuthorization(entry: Entry): AuthorizationResult {
  return entry.outcome === 'approved'
    ? { outcome: 'approved', authorizationKey: entry.idempotencyKey, amountCents: entry.amountCents }
    : { outcome: 'declined', authorizationKey: entry.idempotencyKey, code: (entry.declineCode ?? 'card_declined') as DeclineCode };
}

/**
 * A capture or a void: one row per idempotency key, never more in total than the hold. The hold's
 * row is locked while the sum is checked, so two movements at once cannot both squeeze past it.
 */
async function moveHold(
  kind: 'capture' | 'void',
  { idempotencyKey, authorizationKey, amountCents }: { idempotencyKey: string; authorizationKey: string; amountCents: number },
): Promise<HoldMovement> {
  await answerAfter(config().CARD_LATENCY_MS);
  const entry = await db().$transaction(async (tx) => {
    const held = await tx.$queryRaw<{ amount_cents: number; outcome: string }[]>`
      SELECT amount_cents, outcome FROM card_network_ledger
       WHERE idempotency_key = ${authorizationKey} AND kind = 'authorization' FOR UPDATE`;
    const hold = held[0];
    if (!hold || hold.outcome !== 'approved') throw new HoldExceeded(`no approved hold ${authorizationKey}`);
    const replayed = await tx.cardNetworkEntry.findUnique({ where: { idempotencyKey } });
    if (replayed) return replayed;
    const used = await tx.cardNetworkEntry.aggregate({
      where: { chargeKey: authorizationKey, kind: { in: ['capture', 'void'] } },
      _sum: { amountCents: true },
    });
    if ((used._sum.amountCents ?? 0) + amountCents > hold.amount_cents) {
      throw new HoldExceeded(`${kind} of ${amountCents} exceeds what is left of hold ${authorizationKey}`);
    }
    return tx.cardNetworkEntry.create({
      data: { id: newId(), idempotencyKey, kind, chargeKey: authorizationKey, amountCents, outcome: 'approved', createdAt: new Date() },
    });
  });
  return { key: entry.idempotencyKey, authorizationKey, amountCents: entry.amountCents };
}

/**
 * A charge or an authorisation: the card's answer, decided once per idempotency key. Insert if
 * absent, then read back, so two concurrent requests with one key agree on one answer. A new
 * approval may lose its answer on the way back (card.unknownOutcomeRate): it is recorded all the
 * same, and the caller gets CardNetworkTimeout instead.
 */
async function decideOnce(
  kind: 'charge' | 'authorization',
  { idempotencyKey, amountCents, cardNumber }: { idempotencyKey: string; amountCents: number; cardNumber: string },
): Promise<Entry> {
  const decided = decide(cardNumber);
  const switches = (await currentSwitches()).card;
  const declineCode = decided.declineCode ?? (happens(switches.declineRate) ? 'card_declined' : null);
  await answerAfter(decided.latencyMs);
  // Raw SQL on the pool: every checkout waits on this insert, and Prisma's createManyAndReturn costs
  // the web process several times the statement itself.
  const { rows } = await pool().query<Entry>(
    `INSERT INTO card_network_ledger (id, idempotency_key, kind, card_last4, amount_cents, outcome, decline_code, created_at)
     VALUES ($1::uuid, $2, $3, $4, $5::int, $6, $7, $8::timestamptz)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id, idempotency_key AS "idempotencyKey", kind, charge_key AS "chargeKey", card_last4 AS "cardLast4",
               amount_cents AS "amountCents", outcome, decline_code AS "declineCode", created_at AS "createdAt"`,
    [newId(), idempotencyKey, kind, cardNumber.slice(-4), amountCents, declineCode ? 'declined' : 'approved', declineCode, new Date()],
  );
  const created = rows[0];
  if (created?.outcome === 'approved' && happens(switches.unknownOutcomeRate)) {
    throw new CardNetworkTimeout(kind, idempotencyKey);
  }
  return created ?? (await db().cardNetworkEntry.findUniqueOrThrow({ where: { idempotencyKey } }));
}

async function findEntry(kind: string, idempotencyKey: string): Promise<Entry | null> {
  await answerAfter(0);
  const entry = await db().cardNetworkEntry.findUnique({ where: { idempotencyKey } });
  return entry?.kind === kind ? entry : null;
}

export const fakeCardNetwork: CardNetwork = {
  charge: async (request) => toChargeResult(await decideOnce('charge', request)),

  async findCharge(idempotencyKey) {
    const entry = await findEntry('charge', idempotencyKey);
    return entry && toChargeResult(entry);
  },

  async refund({ idempotencyKey, chargeKey, amountCents }): Promise<RefundResult> {
    await answerAfter(config().CARD_LATENCY_MS);
    await db().cardNetworkEntry.createMany({
      data: [
        {
          id: newId(),
          idempotencyKey,
          kind: 'refund',
          chargeKey,
          amountCents,
          outcome: 'approved',
          createdAt: new Date(),
        },
      ],
      skipDuplicates: true,
    });
    const entry = await db().cardNetworkEntry.findUniqueOrThrow({ where: { idempotencyKey } });
    return { refundKey: entry.idempotencyKey, amountCents: entry.amountCents };
  },

  authorize: async (request) => toAuthorization(await decideOnce('authorization', request)),

  async findAuthorization(idempotencyKey) {
    const entry = await findEntry('authorization', idempotencyKey);
    return entry && toAuthorization(entry);
  },

  capture: (request) => moveHold('capture', request),
  void: (request) => moveHold('void', request),
};
