// The money side of an order request, as the card sees it: what was put on hold at checkout, what
// has been taken for books that ship, what has been given back for lines cancelled, and the rest.
import type { OrderRequestView } from '@/lib/queries/order-request-view';
import { formatMoney } from '../format';

export function CardMoney({ request }: { request: OrderRequestView }) {
  const { money } = request;
  const rows = [
    { label: 'Authorised at checkout (a hold)', cents: money.authorizedCents, testId: 'money-authorized' },
    { label: 'Taken for books that ship', cents: money.capturedCents, testId: 'money-captured' },
    { label: 'Released from the hold (never taken)', cents: money.releasedCents, testId: 'money-released' },
  ];
  return (
    <div className="space-y-2">
      <dl className="divide-y divide-roast-100 text-sm">
        {rows.map((row) => (
          <div key={row.label} className="flex items-baseline justify-between gap-3 py-1.5">
            <dt className="text-roast-700">{row.label}</dt>
            <dd data-testid={row.testId} className="font-semibold tabular-nums text-roast-900">
              {formatMoney(row.cents)}
            </dd>
          </div>
        ))}
        <div className="flex items-baseline justify-between gap-3 py-1.5">
          <dt className="font-medium text-roast-900">Still on hold</dt>
          <dd data-testid="money-held" className="text-lg font-semibold tabular-nums text-roast-950">
            {formatMoney(money.heldCents)}
          </dd>
        </div>
      </dl>
      <p className="text-xs text-roast-600">
        A hold is not a charge: money is taken only for each book about to ship. Whatever is cancelled leaves the hold;
        your bank may take a few days to show it.
      </p>
    </div>
  );
}
