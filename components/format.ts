// Formatting shared by server and client components. Money is deterministic everywhere; clock
// times depend on the viewer's time zone, so components/ui/clock-time.tsx renders them.
import { SIZE_LABEL, type Size, describeDrink } from '@/lib/domain/coffee/menu';

export { formatMoney } from '@/lib/domain/shared/money';

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function sizeLabel(size: string): string {
  return SIZE_LABEL[size as Size] ?? size;
}

export function milkLabel(milk: string | null): string | null {
  return milk ? `${capitalize(milk)} milk` : null;
}

/** "2 × large oat latte", the way the barista calls it out. */
export function drinkCallout(d: { name: string; size: string; milk: string | null; quantity: number }): string {
  return `${d.quantity} × ${describeDrink(d)}`;
}

/** "14:03:07", or "14:03:07.412" when `precise`, in the given zone or the runtime's own. */
export function formatClock(iso: string, { precise = true, timeZone }: { precise?: boolean; timeZone?: string } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    ...(precise ? { fractionalSecondDigits: 3 as const } : {}),
    hourCycle: 'h23',
    timeZone,
  }).format(date);
}
