// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The Prisma driver adapter and BullMQ's connection are plain Node libraries: keep them out of
  // the server bundle so there is exactly one copy (and one connection pool) per process.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'ioredis', 'bullmq'],
  typedRoutes: false,
};

export default nextConfig;
