// Start: a barista at a manual station picks up a queued ticket (queued → making).
import { startByHand } from '../../domain/coffee/ticket';
import { type StepAnswer, type TicketPress, pressTicketStep } from './ticket-step';

export function startDrink(press: TicketPress): Promise<StepAnswer> {
  return pressTicketStep(press, 'start', startByHand, { onlyByHand: true });
}
