'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <h1 className="text-3xl font-semibold text-roast-900">The shop hit a snag</h1>
      <p className="text-roast-700">This page could not be loaded just now. Nothing you paid for is lost.</p>
      <p>
        <button type="button" onClick={reset} className="btn btn-primary">
          Try again
        </button>
      </p>
    </div>
  );
}
