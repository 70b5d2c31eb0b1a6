import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Counter & Shelf', template: '%s · Counter & Shelf' },
  description: 'Consistency boundaries you can see: pay at the counter now, the barista works behind it.',
};

export const viewport: Viewport = {
  themeColor: '#4a2f1e',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col antialiased">
        <a
          href="#main"
          className="sr-only rounded-full bg-roast-900 px-4 py-2 text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to content
        </a>
        <Providers>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
            {children}
          </main>
        </Providers>
        <footer className="border-t border-roast-100 py-6 text-center text-sm text-roast-600">
          Counter &amp; Shelf — pay at the counter, the rest happens behind it.
        </footer>
      </body>
    </html>
  );
}
