// Small inline icons: no icon font, no remote asset.
import type { ReactNode } from 'react';

type IconProps = { className?: string };

/** A 24-unit line drawing in the text's colour, hidden from screen readers (the label beside it says it). */
function Stroked({ className, children }: { className: string; children: ReactNode }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export function CupIcon({ className = 'size-5' }: IconProps) {
  return (
    <Stroked className={className}>
      <path d="M4 9h12v5a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5V9Z" strokeLinejoin="round" />
      <path d="M16 10h1.5a2.5 2.5 0 0 1 0 5H16" />
      <path d="M8 3.5c-.6.8-.6 1.7 0 2.5M11.5 3.5c-.6.8-.6 1.7 0 2.5" strokeLinecap="round" />
      <path d="M3 21h15" strokeLinecap="round" />
    </Stroked>
  );
}

export function BookIcon({ className = 'size-5' }: IconProps) {
  return (
    <Stroked className={className}>
      <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3H20v15H6.5A2.5 2.5 0 0 0 4 20.5v-15Z" strokeLinejoin="round" />
      <path d="M4 20.5A2.5 2.5 0 0 0 6.5 23H20v-5" strokeLinejoin="round" />
      <path d="M8 7h8" strokeLinecap="round" />
    </Stroked>
  );
}
