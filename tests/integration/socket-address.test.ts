// The web process's preload (lib/http/socket-address-preload.mjs) in a real Node process, loaded
// the way package.json and scripts/lib/stack.ts load it: a client-sent X-Forwarded-For can add
// entries on the left, but the right-most one is always the socket's address.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress } from '../../lib/http/client-address';

const PRELOAD = path.resolve(import.meta.dirname, '../../lib/http/socket-address-preload.mjs');
// Answers with the X-Forwarded-For the application would see.
const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => res.end(req.headers['x-forwarded-for'] ?? ''));
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

let child: ChildProcess;
let base: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', PRELOAD, '-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  base = `http://127.0.0.1:${port}/`;
});

afterAll(() => {
  child?.kill();
});

describe('the socket address preload', () => {
  it('fills X-Forwarded-For with the peer when the client sent none', async () => {
    expect(await (await fetch(base)).text()).toBe('127.0.0.1');
  });

  it('appends the peer to a client-sent header, so a spoofed first hop changes nothing', async () => {
    const seen = await (await fetch(base, { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' } })).text();
    expect(seen).toBe('203.0.113.9, 198.51.100.1, 127.0.0.1');
    expect(clientAddress(seen, 0)).toBe('127.0.0.1');
    // With one trusted proxy in front, its own entry is the peer and the one before it the client.
    expect(clientAddress(seen, 1)).toBe('198.51.100.1');
  });
});
