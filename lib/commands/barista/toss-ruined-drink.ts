// Toss: the drink was ruined (spilt, wrong milk, dropped): a barista at a manual station bins it
// and it goes back in the queue to be made again (making | ready → queued, remakes + 1,
// DrinkSpilled). Not the cashier's "toss" of a cancelled order (workers/handlers/toss-drink.ts):
// this drink is still owed to the customer.
import { tossByHand } from '../../domain/coffee/ticket';
import { type StepAnswer, type TicketPress, pressTicketStep } from './ticket-step';

export function tossRuinedDrink(press: TicketPress): Promise<StepAnswer> {
  return pressTicketStep(press, 'toss', tossByHand, { onlyByHand: true });
}
