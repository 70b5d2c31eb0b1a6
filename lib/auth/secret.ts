// The session secret of this process, from the configuration (no Next imports: proxy.ts uses it).
import { config } from '../config';
import { sessionSecretFrom } from './session';

let cached: { from: string | undefined; password: string; secret: string } | undefined;

export function sessionSecret(): string {
  const { SESSION_SECRET, STAFF_PASSWORD } = config();
  if (cached?.from !== SESSION_SECRET || cached?.password !== STAFF_PASSWORD) {
    cached = { from: SESSION_SECRET, password: STAFF_PASSWORD, secret: sessionSecretFrom({ SESSION_SECRET, STAFF_PASSWORD }) };
  }
  return cached.secret;
}
