import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readCapped, readJson } from './respond';

/** A body that would go on for `total` bytes, counting how much of it was pulled. */
function endless(total: number, chunk = 16 * 1024) {
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      pulled.bytes += chunk;
      controller.enqueue(new Uint8Array(chunk).fill(0x20));
    },
  });
  return { stream, pulled };
}

describe('reading a capped body', () => {
  it('stops pulling soon after the cap and says so', async () => {
    const { stream, pulled } = endless(10 * 1024 * 1024);
    expect(await readCapped(stream, MAX_BODY_BYTES)).toBeNull();
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES + 3 * 16 * 1024);
  });

  it('reads a body at the cap whole, multi-byte characters split across chunks included', async () => {
    const bytes = new TextEncoder().encode(`"${'é'.repeat(100)}"`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 2));
        controller.enqueue(bytes.slice(2));
        controller.close();
      },
    });
    expect(await readCapped(stream, MAX_BODY_BYTES)).toBe(`"${'é'.repeat(100)}"`);
    expect(await readCapped(null, MAX_BODY_BYTES)).toBe('');
  });

  it('answers 413 to a chunked body without a Content-Length, 400 to broken JSON', async () => {
    const { stream } = endless(1024 * 1024);
    const big = await readJson(new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
    expect(big.ok === false && big.response.status).toBe(413);
    const broken = await readJson(new Request('http://x/', { method: 'POST', body: '{"a":' }));
    expect(broken.ok === false && broken.response.status).toBe(400);
    const fine = await readJson(new Request('http://x/', { method: 'POST', body: '{"a":1}' }));
    expect(fine).toEqual({ ok: true, value: { a: 1 } });
  });

  it('answers 400 to a body cut off by the client going away, instead of throwing it on as an outage', async () => {
    const cut = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"customerName":'));
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const answer = await readJson(new Request('http://x/', { method: 'POST', body: cut, duplex: 'half' } as RequestInit));
    expect(answer.ok === false && answer.response.status).toBe(400);
  });
});
