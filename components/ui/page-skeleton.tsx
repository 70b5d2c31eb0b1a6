/** Shown while a page's data loads on the server. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" className="space-y-6">
      <p className="sr-only" role="status">
        {label}
      </p>
      <div className="h-10 w-64 animate-pulse rounded-lg bg-roast-100" />
      <div className="h-4 w-full max-w-xl animate-pulse rounded bg-roast-100" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <div key={i} className="card h-36 animate-pulse bg-roast-50" />
        ))}
      </div>
    </div>
  );
}
