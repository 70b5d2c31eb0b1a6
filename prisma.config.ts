import { defineConfig } from 'prisma/config';

// Only `prisma generate` / `validate` / `format` are used: the native schema engine cannot be
// downloaded here, so migrations are plain SQL applied by lib/db/migrate.ts (see README).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/counter_shelf',
  },
});
