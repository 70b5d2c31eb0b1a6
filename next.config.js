// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // End-to-end runs build into a directory of their own (see playwright.config.ts).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The Prisma driver adapter and BullMQ's connection are plain Node libraries: keep them out of
  // the server bundle so there is exactly one copy (and one connection pool) per process.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'ioredis', 'bullmq'],
  experimental: {
    serverActions: {
      // The largest action (checkout: an address and a card) is under 2 KB; the API takes 64 KB.
      bodySizeLimit: '64kb',
    },
    // With a proxy.ts, Next copies every request body for it (up to 10 MB by default) and reads
    // the upload to its end before the route runs. Capped here, it keeps at most 128 KB of a body
    // in memory (the rest is read and dropped); readJson (lib/http/respond.ts) then refuses
    // anything over 64 KB. Twice the API's cap, not equal to it: the copy is cut at a whole chunk
    // (a socket read, at most 64 KB), so a body over 128 KB still reaches the route with more than
    // 64 KB and is refused as too large rather than arriving cut short and called malformed.
    proxyClientMaxBodySize: '128kb',
  },
  // proxy.ts sets the full set (with the page's CSP nonce) on everything it sees; these cover the
  // static files it skips. The CSP here goes only where proxy.ts does not, so no answer has two.
  async headers() {
    const always = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
    ];
    const staticPolicy = { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" };
    return [
      { source: '/:path*', headers: always },
      { source: '/_next/static/:path*', headers: [staticPolicy] },
      { source: '/_next/image', headers: [staticPolicy] },
      { source: '/favicon.ico', headers: [staticPolicy] },
    ];
  },
};

export default nextConfig;
