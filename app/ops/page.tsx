import { redirect } from 'next/navigation';

// /ops has no page of its own: staff land on the list of things waiting for a person.
export default function OpsHome(): never {
  redirect('/ops/attention');
}
