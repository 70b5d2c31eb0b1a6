import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <h1 className="text-3xl font-semibold text-roast-900">Nothing here</h1>
      <p className="text-roast-700">
        We could not find that page. Orders are only visible in the browser that placed them.
      </p>
      <p>
        <Link href="/coffee" className="btn btn-primary">
          Go to the coffee shop
        </Link>
      </p>
    </div>
  );
}
