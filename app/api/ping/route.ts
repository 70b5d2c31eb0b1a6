// A route that does nothing: the benchmark's baseline for what the framework alone costs.
export const dynamic = 'force-dynamic';

const pong = () => Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });

export const GET = pong;
export const POST = pong;
