// Ready: a barista at a manual station puts the finished drink on the counter (making → ready).
import { readyByHand } from '../../domain/coffee/ticket';
import { type StepAnswer, type TicketPress, pressTicketStep } from './ticket-step';

export function markDrinkReady(press: TicketPress): Promise<StepAnswer> {
  return pressTicketStep(press, 'ready', readyByHand, { onlyByHand: true });
}
