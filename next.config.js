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
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
