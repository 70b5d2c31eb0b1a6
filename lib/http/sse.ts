// A Server-Sent Events response: a first comment at once (so proxies and browsers commit to the
// stream), heartbeat comments, and clean-up when the client goes away.
const HEARTBEAT_MS = 15_000;

export interface SseSink {
  send(event: string, data: unknown): void;
}

export function sseResponse(signal: AbortSignal, start: (sink: SseSink) => (() => void) | Promise<() => void>): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        cleanup?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      write(': connected\n\n');
      heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      signal.addEventListener('abort', close, { once: true });
      // Gone before we began: nothing will fire 'abort' again, so close (and free its slot) now.
      if (signal.aborted) close();
      cleanup = await start({ send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`) });
      if (closed) cleanup();
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      cleanup?.();
    },
  });

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
